import * as v from 'valibot';
import { MAX_ID_LENGTH, MAX_NUDGE_ID_LENGTH } from './domain/ids';

export { MAX_ID_LENGTH, MAX_NUDGE_ID_LENGTH };

/** An id in any message: the same limit as in session files (src/domain/ids.ts). */
export const idSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH));
/** A nudge id, made of two ids. */
export const nudgeIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_NUDGE_ID_LENGTH));

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates with a schema and words the first problem as `path: reason`. */
export function parseWith<T>(schema: v.GenericSchema<unknown, T>, input: unknown): ParseResult<T> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = v.getDotPath(issue) ?? '(message)';
  return { ok: false, error: `${shorten(path)}: ${shorten(issue.message)}` };
}

/**
 * The schema's message quotes what it received, which may be a whole hostile input; the
 * error goes back to the webview and into the log, so it is cut to a readable length.
 */
function shorten(text: string, max = 200): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]$/.test(text.slice(0, max)) ? max - 1 : max;
  return `${text.slice(0, cut)}…`;
}
