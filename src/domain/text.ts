// People's text: counted, cleaned and cut here, once, so every surface (panel, summary,
// exports, CLI) agrees. Nothing here interprets markup: HTML stays plain string data.
import { MAX_NAME } from './commands';

const hasSegmenter = typeof Intl === 'object' && typeof Intl.Segmenter === 'function';
const wordSegmenter = hasSegmenter ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;
const graphemeSegmenter = hasSegmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

// eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included, on purpose
const ASCII_ONLY = /^[\x00-\x7f]*$/;
// Mirrors Unicode word boundaries (UAX #29) with regular expressions so the common case
// skips Intl.Segmenter, which is ~10x slower and dominates a 2,000-contribution replay.
// Regexes also give every client the same count, whatever ICU its runtime ships.
const ASCII_WORD =
  /_*[A-Za-z0-9][A-Za-z0-9_]*(?:(?:(?<=[A-Za-z])[.:'](?=[A-Za-z])|(?<=[0-9])[.,;'](?=[0-9]))[A-Za-z0-9_]+)*/g;
const UNICODE_WORD =
  /\p{Pc}*[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\p{Pc}]*(?:(?:(?<=[\p{L}\p{M}])[.:'\u2019\u00B7](?=\p{L})|(?<=\p{N})[.,;'\u2019](?=\p{N}))[\p{L}\p{M}\p{N}\p{Pc}]+)*/gu;
/** One emoji as people see it: ZWJ families, skin tones and flags count once. */
const EMOJI = /\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u200D\p{Extended_Pictographic})*|\p{Regional_Indicator}{2}/gu;
/** Scripts written without spaces: only a dictionary (ICU) can find their words. */
const NEEDS_DICTIONARY = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/**
 * Words as a person would count them: dictionary words in Chinese, Japanese or Thai,
 * one per emoji, none for punctuation; right-to-left scripts like any other.
 */
export function countWords(text: string): number {
  if (ASCII_ONLY.test(text)) return text.match(ASCII_WORD)?.length ?? 0;
  if (!NEEDS_DICTIONARY.test(text)) return (text.match(UNICODE_WORD)?.length ?? 0) + (text.match(EMOJI)?.length ?? 0);
  if (!wordSegmenter) return fallbackCountWords(text);
  let n = 0;
  for (const s of wordSegmenter.segment(text)) {
    if (s.isWordLike || PICTOGRAPH.test(s.segment)) n++;
  }
  return n;
}

function fallbackCountWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/)) {
    const cjk = token.match(CJK)?.length ?? 0;
    n += cjk > 0 ? cjk : (token.match(UNICODE_WORD)?.length ?? 0) + (token.match(EMOJI)?.length ?? 0);
  }
  return n;
}

/** Splits into user-perceived characters so a cut never breaks an emoji or accent. */
export function graphemes(text: string): string[] {
  if (!graphemeSegmenter) return Array.from(text);
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

const ELLIPSIS = '…';

/** Cuts to at most `max` UTF-16 units (what storage and the protocol count), ellipsis included. */
export function clampText(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  if (max <= 0) return { text: '', truncated: true };
  const budget = max - ELLIPSIS.length;
  let out = '';
  for (const g of graphemes(text)) {
    if (out.length + g.length > budget) break;
    out += g;
  }
  return { text: out.trimEnd() + ELLIPSIS, truncated: true };
}

// Bidi embeddings/overrides/isolates can reorder what follows them on screen (the
// "Trojan Source" trick), so a name could impersonate another; zero-width and BOM
// characters make look-alike duplicates.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const INVISIBLE_IN_NAMES = /[\p{Cc}\u200B\u200E\u200F\u061C\u2060-\u2064\uFEFF]/gu;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TEXT_CONTROLS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/g;
// A lone surrogate cannot be written as UTF-8: a team member's copy (Yjs, the WebSocket)
// would hold U+FFFD where the authority held the surrogate. Every copy holds U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A display name: one line, no control or bidi characters, at most `max` units. */
export function cleanName(name: string, max: number = MAX_NAME): { name: string; truncated: boolean } {
  // Most names are printable ASCII, single-spaced, already clean: every step below would
  // return them unchanged, and a 100k roster cleans each name twice (issue 12).
  if (name.length <= max && isCleanAscii(name)) return { name, truncated: false };
  return cleanNameGeneral(name, max);
}

/** Printable ASCII (no controls, no DEL), with no space at either end or twice in a row. */
function isCleanAscii(s: string): boolean {
  let previous = 0x20;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || (c === 0x20 && previous === 0x20)) return false;
    previous = c;
  }
  return previous !== 0x20 || s.length === 0;
}

/** cleanName without its shortcut for clean ASCII; exported so a test can hold the two together. */
export function cleanNameGeneral(name: string, max: number = MAX_NAME): { name: string; truncated: boolean } {
  const flat = name
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(BIDI_CONTROLS, '')
    .replace(INVISIBLE_IN_NAMES, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  const cut = clampText(flat, max);
  return { name: cut.text, truncated: cut.truncated };
}

/** Free text someone said: line breaks kept, control and bidi-override characters dropped. */
export function cleanText(text: string, max: number): { text: string; truncated: boolean } {
  const cleaned = text
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(BIDI_CONTROLS, '')
    .replace(TEXT_CONTROLS, '')
    .trim();
  return clampText(cleaned, max);
}

/** Makes `name` distinct from `existing` (case-insensitively): "Sam", "Sam (2)", "Sam (3)". */
export function uniqueName(name: string, existing: readonly string[], max: number = MAX_NAME): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const base = clampText(name, Math.max(1, max - suffix.length)).text;
    const candidate = base + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

// ---------------------------------------------------------------------------------
// JSON with a useful error position. V8's own messages often omit the position, and
// people edit deck and session files by hand, so we locate the fault ourselves.

/**
 * Why text is not JSON, as data: jsonFaultEnglish words it for the CLI and the messages' English,
 * and the extension words the same data through l10n (src/host/problemText.ts). `found` and
 * `want` are characters of the file or of JSON's syntax, shown as they are.
 */
export type JsonFault =
  | { key: 'end' }
  | { key: 'expected'; want: string; found: string }
  | { key: 'unterminated' }
  | { key: 'escape' }
  | { key: 'control' }
  | { key: 'number' }
  | { key: 'deep' }
  | { key: 'unexpected'; found: string }
  | { key: 'separator'; close: string }
  | { key: 'trailing' }
  | { key: 'invalid' };

export function jsonFaultEnglish(f: JsonFault): string {
  switch (f.key) {
    case 'end':
      return 'Unexpected end of input (the file may be truncated)';
    case 'expected':
      return `Expected '${f.want}' but found '${f.found}'`;
    case 'unterminated':
      return 'Unterminated string';
    case 'escape':
      return 'Invalid escape in string';
    case 'control':
      return 'Control character in string (use \\n)';
    case 'number':
      return 'Invalid number';
    case 'deep':
      return 'Nested too deeply';
    case 'unexpected':
      return `Unexpected character '${f.found}'`;
    case 'separator':
      return `Expected ',' or '${f.close}'`;
    case 'trailing':
      return 'Unexpected text after the end of the JSON value';
    case 'invalid':
      return 'Invalid JSON';
  }
}

export type JsonParse =
  | { ok: true; value: unknown }
  /** `reason` is `fault` in English; `message` adds where. */
  | { ok: false; message: string; reason: string; fault: JsonFault; line: number; column: number; offset: number };

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const { offset, fault, reason } = locateJsonError(text);
    const { line, column } = lineColumn(text, offset);
    return { ok: false, message: `${reason} at line ${line}, column ${column}`, reason, fault, line, column, offset };
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class FaultAt {
  constructor(
    readonly offset: number,
    readonly fault: JsonFault,
  ) {}
}

/** Finds the first syntax fault in text that JSON.parse rejected. */
export function locateJsonError(s: string): { offset: number; reason: string; fault: JsonFault } {
  let i = 0;
  const fail = (fault: JsonFault): never => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel caught below, never escapes
    throw new FaultAt(i, i >= s.length ? { key: 'end' } : fault);
  };
  const ws = (): void => {
    while (i < s.length && ' \t\n\r'.includes(s[i] ?? '')) i++;
  };
  const expect = (ch: string): void => {
    if (s[i] !== ch) fail({ key: 'expected', want: ch, found: s[i] ?? '' });
    i++;
  };
  const str = (): void => {
    expect('"');
    for (;;) {
      const c = s[i];
      if (c === undefined) fail({ key: 'unterminated' });
      if (c === '"') return void i++;
      if (c === '\\') {
        i++;
        const e = s[i] ?? '';
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) i += 5;
        else if ('"\\/bfnrt'.includes(e) && e !== '') i++;
        else fail({ key: 'escape' });
      } else if ((c?.charCodeAt(0) ?? 0) < 0x20) fail({ key: 'control' });
      else i++;
    }
  };
  const num = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(s.slice(i, i + 400));
    if (!m || m[0] === '-') fail({ key: 'number' });
    i += m?.[0].length ?? 0;
  };
  const value = (depth: number): void => {
    if (depth > 500) fail({ key: 'deep' });
    ws();
    const c = s[i];
    if (c === '{') return seq('}', () => (str(), ws(), expect(':'), value(depth + 1)));
    if (c === '[') return seq(']', () => value(depth + 1));
    if (c === '"') return str();
    for (const lit of ['true', 'false', 'null']) if (s.startsWith(lit, i)) return void (i += lit.length);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return num();
    fail({ key: 'unexpected', found: c ?? '' });
  };
  const seq = (close: string, item: () => void): void => {
    i++;
    ws();
    if (s[i] === close) return void i++;
    for (;;) {
      ws();
      item();
      ws();
      if (s[i] === ',') i++;
      else if (s[i] === close) return void i++;
      else fail({ key: 'separator', close });
    }
  };
  try {
    value(0);
    ws();
    if (i < s.length) fail({ key: 'trailing' });
  } catch (e) {
    if (e instanceof FaultAt) return { offset: e.offset, reason: jsonFaultEnglish(e.fault), fault: e.fault };
    throw e;
  }
  return { offset: 0, reason: jsonFaultEnglish({ key: 'invalid' }), fault: { key: 'invalid' } };
}

/** The key under which two names count as the same person: cleaned, case folded. */
export function nameKey(name: string): string {
  return cleanName(name).name.toLowerCase();
}
