// Custom decks are JSON files people write by hand (.reciprocity/decks/*.json). This
// schema is the runtime twin of media/schemas/deck.schema.json, which VS Code uses for
// completion while typing; a unit test keeps the two in step. A bad deck yields every
// fault with its field path, and never takes the built-in decks down with it.
import * as v from 'valibot';
import { checkIssue, checkIssueEnglish, type CheckIssue } from '../checkIssue';
import { jsonFaultEnglish, parseJson, type JsonFault } from '../text';
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

/**
 * Why a deck (or a field of one) is refused, as data: deckCheckEnglish words it in English,
 * and the extension words the same data through l10n (src/host/problemText.ts). `field` is
 * the JSON key as written in the file.
 */
export type DeckCheck =
  | { key: 'notString'; field: string }
  | { key: 'blank'; field: string }
  | { key: 'tooLong'; field: string; max: number }
  | { key: 'depth' }
  | { key: 'promptId' }
  | { key: 'deckId' }
  | { key: 'promptsNotArray' }
  | { key: 'promptsEmpty' }
  | { key: 'promptsTooMany'; max: number }
  | { key: 'columnsNotArray' }
  | { key: 'columnsEmpty' }
  | { key: 'columnsTooMany'; max: number }
  | { key: 'notObject' }
  /** `field` as the check quotes it (JSON, with its quotes). */
  | { key: 'unknownField'; field: string }
  | { key: 'required' }
  | { key: 'notJson'; fault: JsonFault; line: number; column: number }
  | { key: 'duplicateId'; id: string; first: number }
  /** A check without words of our own (valibot's). */
  | { key: 'check'; issue: CheckIssue };

export function deckCheckEnglish(c: DeckCheck): string {
  switch (c.key) {
    case 'notString':
      return `${c.field} must be a string`;
    case 'blank':
      return `${c.field} must not be empty`;
    case 'tooLong':
      return `${c.field} must be at most ${c.max} characters`;
    case 'depth':
      return 'depth must be 1, 2, 3 or 4 (orientation, exploratory, affective, stable)';
    case 'promptId':
      return 'id must start with a letter or digit and use only letters, digits, "-", "_" and "."';
    case 'deckId':
      return 'id must be lower-case letters, digits and "-" (for example "team-health")';
    case 'promptsNotArray':
      return 'prompts must be an array';
    case 'promptsEmpty':
      return 'prompts must hold at least one prompt';
    case 'promptsTooMany':
      return `prompts may hold at most ${c.max} prompts`;
    case 'columnsNotArray':
      return 'columns must be an array of strings';
    case 'columnsEmpty':
      return 'columns must hold at least one column';
    case 'columnsTooMany':
      return `columns may hold at most ${c.max} columns`;
    case 'notObject':
      return 'a deck must be a JSON object';
    case 'unknownField':
      return `unknown field ${c.field}`;
    case 'required':
      return 'is required';
    case 'notJson':
      return `Invalid JSON: ${jsonFaultEnglish(c.fault)} at line ${c.line}, column ${c.column}`;
    case 'duplicateId':
      return `duplicate prompt id "${c.id}" (also used by prompts[${c.first}])`;
    case 'check':
      return checkIssueEnglish(c.issue);
  }
}

// Each check's message is its English (so a message shown as it is still reads well), and
// this map gives the check back from the message, for the extension to word as data.
const CHECKS = new Map<string, DeckCheck>();

function says(check: DeckCheck): string {
  const english = deckCheckEnglish(check);
  CHECKS.set(english, check);
  return english;
}

const label = (max: number, field: string) =>
  v.pipe(
    v.string(says({ key: 'notString', field })),
    v.regex(NOT_BLANK, says({ key: 'blank', field })),
    v.maxLength(max, says({ key: 'tooLong', field, max })),
  );

const DEPTH_VALUES: readonly Depth[] = [1, 2, 3, 4];
const depth = v.picklist(DEPTH_VALUES, says({ key: 'depth' }));

const idString = v.pipe(v.string(says({ key: 'notString', field: 'id' })), v.maxLength(DECK_LIMITS.idMax, says({ key: 'tooLong', field: 'id', max: DECK_LIMITS.idMax })));

export const PromptSchema = v.strictObject({
  id: v.pipe(idString, v.regex(PROMPT_ID_PATTERN, says({ key: 'promptId' }))),
  depth,
  topic: label(DECK_LIMITS.topicMax, 'topic'),
  text: label(DECK_LIMITS.textMax, 'text'),
});

const deckEntries = {
  id: v.pipe(idString, v.regex(DECK_ID_PATTERN, says({ key: 'deckId' }))),
  name: label(DECK_LIMITS.nameMax, 'name'),
  description: v.optional(
    v.pipe(
      v.string(says({ key: 'notString', field: 'description' })),
      v.maxLength(DECK_LIMITS.descriptionMax, says({ key: 'tooLong', field: 'description', max: DECK_LIMITS.descriptionMax })),
    ),
  ),
  prompts: v.pipe(
    v.array(PromptSchema, says({ key: 'promptsNotArray' })),
    v.minLength(1, says({ key: 'promptsEmpty' })),
    v.maxLength(DECK_LIMITS.promptsMax, says({ key: 'promptsTooMany', max: DECK_LIMITS.promptsMax })),
  ),
  columns: v.optional(
    v.pipe(
      v.array(label(DECK_LIMITS.columnMax, 'column'), says({ key: 'columnsNotArray' })),
      v.minLength(1, says({ key: 'columnsEmpty' })),
      v.maxLength(DECK_LIMITS.columnsMax, says({ key: 'columnsTooMany', max: DECK_LIMITS.columnsMax })),
    ),
  ),
};

/** A deck file as written in the workspace; `$schema` lets editors find the schema. */
export const DeckFileSchema = v.strictObject(
  { $schema: v.optional(v.string(says({ key: 'notString', field: '$schema' }))), ...deckEntries },
  says({ key: 'notObject' }),
);

/** A deck embedded in a session file (source recorded, unknown fields tolerated). */
export const DeckSchema = v.object({ ...deckEntries, source: v.optional(v.string()) });

export interface DeckError {
  file: string;
  /** Field path like `prompts[3].depth`; empty for the whole file. */
  path: string;
  /** `check` in English. */
  message: string;
  check: DeckCheck;
}

function deckError(file: string, path: string, check: DeckCheck): DeckError {
  return { file, path, message: deckCheckEnglish(check), check };
}

export type DeckParse = { ok: true; deck: Deck } | { ok: false; errors: DeckError[] };

const MAX_ERRORS = 20;

/** Parses and validates a deck file; `source` is the file path shown in errors. */
export function parseDeck(jsonText: string, source: string): DeckParse {
  const json = parseJson(jsonText);
  if (!json.ok) return { ok: false, errors: [deckError(source, '', { key: 'notJson', fault: json.fault, line: json.line, column: json.column })] };
  const result = v.safeParse(DeckFileSchema, json.value);
  if (!result.success) {
    const errors = result.issues.slice(0, MAX_ERRORS).map((i) => deckError(source, issuePath(i), issueCheck(i)));
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
    else errors.push(deckError(file, `prompts[${i}].id`, { key: 'duplicateId', id: p.id, first }));
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
export function issueCheck(issue: v.BaseIssue<unknown>): DeckCheck {
  const isKeyIssue = issue.type === 'strict_object' || issue.type === 'object' || issue.type === 'loose_object';
  if (isKeyIssue && issue.expected === 'never') return { key: 'unknownField', field: issue.received };
  if (issue.kind === 'schema' && issue.received === 'undefined') return { key: 'required' };
  return deckCheckOf(issue) ?? { key: 'check', issue: checkIssue(issue) };
}

/** The deck check that raised `issue`, if one of this schema's own. */
export function deckCheckOf(issue: v.BaseIssue<unknown>): DeckCheck | undefined {
  return CHECKS.get(issue.message);
}
