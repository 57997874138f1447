// Every message between the extension host and the summary webview, declared once and
// validated at runtime on both sides. Summaries carry people's names and free text
// (flags, actions, check-outs), so nothing is trusted because of where it came from.
import * as v from 'valibot';
import type { Summary, SummaryOptions, Trend } from './domain/summary/types';
import { parseWith, type ParseResult } from './validate';

const MAX_STR = 10_000;
const MAX_ITEMS = 20_000;

const str = v.pipe(v.string(), v.maxLength(MAX_STR));
const num = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.finite(), v.minValue(0));
const ratio = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const list = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.maxLength(MAX_ITEMS));

const SummaryMemberSchema = v.object({
  key: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  name: str,
  present: v.boolean(),
  joinedLate: v.boolean(),
  turns: count,
  words: count,
  seconds: count,
  passes: count,
  notes: v.optional(count),
  shareTurns: ratio,
  shareWords: ratio,
  share: ratio,
  deepest: v.pipe(count, v.maxValue(4)),
  depthCounts: v.tuple([count, count, count, count]),
});

const SummaryLayerSchema = v.object({
  depth: v.picklist([1, 2, 3, 4]),
  name: str,
  reached: v.boolean(),
  contributions: count,
  passes: count,
  matched: count,
  present: count,
  reciprocated: v.boolean(),
});

const SummaryFlagSchema = v.object({
  kind: v.pipe(v.string(), v.maxLength(200)),
  memberKey: v.nullable(v.pipe(v.string(), v.maxLength(512))),
  text: str,
  offsetMs: count,
  clearedOffsetMs: v.nullable(count),
});

const SummaryNoteSchema = v.object({ column: v.pipe(v.string(), v.maxLength(200)), text: str, author: v.nullable(str), votes: count });
const layer = v.pipe(count, v.maxValue(4));
const SummaryOverrideSchema = v.object({ offsetMs: count, from: layer, to: layer, answered: v.nullable(count), present: v.nullable(count), text: str });

export const SummarySchema = v.object({
  v: num,
  kind: v.literal('reciprocity-summary'),
  source: v.picklist(['retro', 'transcript']),
  sessionId: v.pipe(v.string(), v.maxLength(1024)),
  title: str,
  createdAt: num,
  durationSeconds: v.nullable(count),
  pseudonymised: v.boolean(),
  driver: v.picklist(['turns', 'words', 'seconds']),
  members: list(SummaryMemberSchema),
  fairShare: ratio,
  gini: ratio,
  evenness: ratio,
  maxShare: ratio,
  lorenz: list(v.object({ x: ratio, y: ratio })),
  layers: v.pipe(v.array(SummaryLayerSchema), v.maxLength(4)),
  deepestReached: v.pipe(count, v.maxValue(4)),
  flags: list(SummaryFlagSchema),
  totalPasses: count,
  actions: list(
    v.object({ text: str, owner: v.nullable(str), due: v.optional(v.pipe(v.string(), v.maxLength(100))), done: v.boolean() }),
  ),
  checkouts: list(v.object({ member: str, text: str, roti: v.optional(num) })),
  gatherNotes: v.optional(list(SummaryNoteSchema)),
  topInsights: v.optional(list(SummaryNoteSchema)),
  overrides: v.optional(list(SummaryOverrideSchema)),
  unattributed: v.nullable(v.object({ turns: count, words: count, seconds: count })),
  transcriptFormat: v.optional(v.pipe(v.string(), v.maxLength(100))),
  transcriptFormatId: v.optional(v.picklist(['teams-vtt', 'zoom-vtt', 'webvtt', 'zoom-chat', 'zoom-captions', 'google-meet', 'otter', 'plain'])),
});

export const TrendSchema = v.object({
  points: list(
    v.object({
      sessionId: v.pipe(v.string(), v.maxLength(1024)),
      title: str,
      createdAt: num,
      gini: ratio,
      evenness: ratio,
      deepestReached: v.pipe(count, v.maxValue(4)),
      reciprocatedLayers: v.pipe(count, v.maxValue(4)),
    }),
  ),
  messages: v.pipe(v.array(str), v.maxLength(100)),
  notes: v.optional(v.pipe(v.array(TrendNoteSchema()), v.maxLength(100))),
});

/** The observations as data (src/domain/summary/types.ts, TrendNote), worded by the panel. */
function TrendNoteSchema() {
  const steps = v.pipe(count, v.integer());
  return v.variant('kind', [
    v.object({ kind: v.literal('first-retro') }),
    v.object({ kind: v.literal('steady') }),
    v.object({
      kind: v.literal('streak'),
      measure: v.picklist(['depth', 'gini', 'reciprocated']),
      direction: v.picklist(['up', 'down']),
      steps,
      from: num,
      to: num,
    }),
    v.object({ kind: v.literal('first-meeting') }),
    v.object({ kind: v.literal('evenness'), from: ratio, to: ratio, meetings: steps }),
    v.object({ kind: v.literal('quiet'), name: str, meetings: steps }),
    v.object({ kind: v.literal('quiet-count'), people: steps }),
  ]);
}

export const SummaryOptionsSchema = v.strictObject({
  pseudonymise: v.boolean(),
  namedTable: v.boolean(),
  driver: v.optional(v.picklist(['turns', 'words', 'seconds'])),
});

// The schemas and the domain types must describe the same shape; this fails to compile if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const shapesAgree: [
  Same<v.InferOutput<typeof SummarySchema>, Summary>,
  Same<v.InferOutput<typeof TrendSchema>, Trend>,
  Same<v.InferOutput<typeof SummaryOptionsSchema>, SummaryOptions>,
] = [true, true, true];
void shapesAgree;

export type ExportFormat = 'md' | 'json' | 'csv';

// ---------------------------------------------------------------------------------
// Host -> webview. `key` identifies the panel (session id or transcript path); the
// webview stores it with setState so the panel serializer can restore the panel.

export const SummaryHostMessageSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('summary'),
    key: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
    summary: SummarySchema,
    trend: v.nullable(TrendSchema),
    options: SummaryOptionsSchema,
  }),
  v.strictObject({ type: v.literal('error'), message: v.pipe(v.string(), v.maxLength(4000)) }),
]);
export type SummaryHostMessage = v.InferOutput<typeof SummaryHostMessageSchema>;

// ---------------------------------------------------------------------------------
// Webview -> host.

export const SummaryWebviewMessageSchema = v.variant('type', [
  v.strictObject({ type: v.literal('ready') }),
  v.strictObject({ type: v.literal('setOptions'), options: SummaryOptionsSchema }),
  v.strictObject({ type: v.literal('export'), format: v.picklist(['md', 'json', 'csv']) }),
  v.strictObject({
    type: v.literal('log'),
    level: v.picklist(['info', 'warn', 'error']),
    message: v.pipe(v.string(), v.maxLength(2000)),
  }),
]);
export type SummaryWebviewMessage = v.InferOutput<typeof SummaryWebviewMessageSchema>;

/** What the webview keeps in vscode.setState; handed back to the panel serializer. */
export const SummaryWebviewStateSchema = v.object({
  key: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
  options: v.optional(SummaryOptionsSchema),
});
export type SummaryWebviewState = v.InferOutput<typeof SummaryWebviewStateSchema>;

export type SummaryParseResult<T> = ParseResult<T>;

export function parseSummaryHostMessage(input: unknown): SummaryParseResult<SummaryHostMessage> {
  return parseWith(SummaryHostMessageSchema, input);
}

export function parseSummaryWebviewMessage(input: unknown): SummaryParseResult<SummaryWebviewMessage> {
  return parseWith(SummaryWebviewMessageSchema, input);
}

export function parseSummaryWebviewState(input: unknown): SummaryParseResult<SummaryWebviewState> {
  return parseWith(SummaryWebviewStateSchema, input);
}
