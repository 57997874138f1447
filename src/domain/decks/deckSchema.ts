// Custom decks are JSON files people write by hand (.reciprocity/decks/*.json). This
// schema is the runtime twin of media/schemas/deck.schema.json, which VS Code uses for
// completion while typing; a unit test keeps the two in step. A bad deck yields every
// fault with its field path, and never takes the built-in decks down with it.
import * as v from 'valibot';
import { parseJson } from '../text';
import type { Deck, Depth } from '../types';

/** Limits shared with the JSON Schema (the test compares them field by field). */
export const DECK_LIMITS = {
  idMax: 64,
  nameMax: 80,
  descriptionMax: 500,
  topicMax: 40,
  textMax: 500,
  promptsMax: 500,
  columnsMax: 8,
  columnMax: 40,
} as const;

export const DECK_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const PROMPT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const NOT_BLANK = /\S/;

const label = (max: number, what: string) =>
  v.pipe(
    v.string(`${what} must be a string`),
    v.regex(NOT_BLANK, `${what} must not be empty`),
    v.maxLength(max, `${what} must be at most ${max} characters`),
  );

const DEPTH_VALUES: readonly Depth[] = [1, 2, 3, 4];
const depth = v.picklist(DEPTH_VALUES, 'depth must be 1, 2, 3 or 4 (orientation, exploratory, affective, stable)');

export const PromptSchema = v.strictObject({
  id: v.pipe(
    v.string('id must be a string'),
    v.maxLength(DECK_LIMITS.idMax, `id must be at most ${DECK_LIMITS.idMax} characters`),
    v.regex(PROMPT_ID_PATTERN, 'id must start with a letter or digit and use only letters, digits, "-", "_" and "."'),
  ),
  depth,
  topic: label(DECK_LIMITS.topicMax, 'topic'),
  text: label(DECK_LIMITS.textMax, 'text'),
});

const deckEntries = {
  id: v.pipe(
    v.string('id must be a string'),
    v.maxLength(DECK_LIMITS.idMax, `id must be at most ${DECK_LIMITS.idMax} characters`),
    v.regex(DECK_ID_PATTERN, 'id must be lower-case letters, digits and "-" (for example "team-health")'),
  ),
  name: label(DECK_LIMITS.nameMax, 'name'),
  description: v.optional(
    v.pipe(v.string('description must be a string'), v.maxLength(DECK_LIMITS.descriptionMax, `description must be at most ${DECK_LIMITS.descriptionMax} characters`)),
  ),
  prompts: v.pipe(
    v.array(PromptSchema, 'prompts must be an array'),
    v.minLength(1, 'prompts must hold at least one prompt'),
    v.maxLength(DECK_LIMITS.promptsMax, `prompts may hold at most ${DECK_LIMITS.promptsMax} prompts`),
  ),
  columns: v.optional(
    v.pipe(
      v.array(label(DECK_LIMITS.columnMax, 'column'), 'columns must be an array of strings'),
      v.minLength(1, 'columns must hold at least one column'),
      v.maxLength(DECK_LIMITS.columnsMax, `columns may hold at most ${DECK_LIMITS.columnsMax} columns`),
    ),
  ),
};

/** A deck file as written in the workspace; `$schema` lets editors find the schema. */
export const DeckFileSchema = v.strictObject(
  { $schema: v.optional(v.string('$schema must be a string')), ...deckEntries },
  'a deck must be a JSON object',
);

/** A deck embedded in a session file (source recorded, unknown fields tolerated). */
export const DeckSchema = v.object({ ...deckEntries, source: v.optional(v.string()) });

export interface DeckError {
  file: string;
  /** Field path like `prompts[3].depth`; empty for the whole file. */
  path: string;
  message: string;
}

export type DeckParse = { ok: true; deck: Deck } | { ok: false; errors: DeckError[] };

const MAX_ERRORS = 20;

/** Parses and validates a deck file; `source` is the file path shown in errors. */
export function parseDeck(jsonText: string, source: string): DeckParse {
  const json = parseJson(jsonText);
  if (!json.ok) return { ok: false, errors: [{ file: source, path: '', message: `Invalid JSON: ${json.message}` }] };
  const result = v.safeParse(DeckFileSchema, json.value);
  if (!result.success) {
    const errors = result.issues.slice(0, MAX_ERRORS).map((i) => ({ file: source, path: issuePath(i), message: issueMessage(i) }));
    return { ok: false, errors };
  }
  const { $schema: _schema, ...deck } = result.output;
  const duplicates = duplicatePromptIds(deck, source);
  if (duplicates.length > 0) return { ok: false, errors: duplicates };
  return { ok: true, deck: { ...deck, source } };
}

// JSON Schema cannot say "ids unique within an array of objects", so this one rule
// lives only here; the editor will not flag it, parseDeck will.
function duplicatePromptIds(deck: Pick<Deck, 'prompts'>, file: string): DeckError[] {
  const firstAt = new Map<string, number>();
  const errors: DeckError[] = [];
  deck.prompts.forEach((p, i) => {
    const first = firstAt.get(p.id);
    if (first === undefined) firstAt.set(p.id, i);
    else errors.push({ file, path: `prompts[${i}].id`, message: `duplicate prompt id "${p.id}" (also used by prompts[${first}])` });
  });
  return errors;
}

/** Renders a valibot issue path as `events[12].type`. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A reason a person can act on, instead of valibot's "Expected never". */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  const isKeyIssue = issue.type === 'strict_object' || issue.type === 'object' || issue.type === 'loose_object';
  if (isKeyIssue && issue.expected === 'never') return `unknown field ${issue.received}`;
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'is required';
  return issue.message;
}
