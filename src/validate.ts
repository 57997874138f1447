import * as v from 'valibot';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates with a schema and words the first problem as `path: reason`. */
export function parseWith<T>(schema: v.GenericSchema<unknown, T>, input: unknown): ParseResult<T> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = v.getDotPath(issue) ?? '(message)';
  return { ok: false, error: `${path}: ${issue.message}` };
}
