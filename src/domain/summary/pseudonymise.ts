// Consistent pseudonyms for the summary and every export. Names are replaced by
// "Member A", "Member B", …. With a salt (the summary passes its session id) letters follow
// a hash of salt and member, so the same retro always gets the same letters but they do not
// follow the roster's order (an alphabetical roster would otherwise undo them). Without a
// salt, letters follow first appearance.
//
// Free text (action items, check-outs, flag texts, the title) is scanned for each
// member's full name and for each part of it ("Sam", "Lee" in "Lee, Sam"; "Mary" in
// "Mary-Jane") of two or more characters, or of emoji or unspaced letters written
// together ("🦊🌙", "小明"), matched token by token in any Unicode spelling (fullwidth,
// any case, composed or not, invisible characters inside; see scrub below). A part that two members share ("Sam Lee" and "Sam Ode") cannot be
// attributed and becomes "a member". This is best effort: nicknames or misspellings are
// not caught.

export interface NameSource {
  id: string;
  name: string;
}

export interface Pseudonymiser {
  readonly pseudonymised: boolean;
  /** Display name for a member id; unknown ids get "a former member". */
  name(memberId: string): string;
  /** Stable key for a member id within the summary. */
  key(memberId: string): string;
  /** Free text with real names replaced (identity when not pseudonymising). */
  text(value: string): string;
}

const UNKNOWN = 'a former member';
const SHARED_PART = 'a member';
const MIN_PART = 2;

/** 0 → "A", 25 → "Z", 26 → "AA", 27 → "AB": bijective base 26, like spreadsheet columns. */
export function pseudonymLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function realNames(members: readonly NameSource[]): Pseudonymiser {
  const byId = new Map(members.map((m) => [m.id, m.name]));
  return {
    pseudonymised: false,
    name: (id) => byId.get(id) ?? UNKNOWN,
    key: (id) => id,
    text: (value) => value,
  };
}

export function pseudonymise(members: readonly NameSource[], salt?: string): Pseudonymiser {
  let ids = [...new Set(members.map((m) => m.id))];
  if (salt !== undefined) {
    // Each id carries its hash into the sort: a comparator that looked both up in a Map
    // made two lookups per comparison, 3.4 million for a 100k roster (issue 12).
    ids = ids
      .map((id) => ({ id, rank: fnv1a(`${salt}\u0000${id}`) }))
      .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1))
      .map((r) => r.id);
  }
  const labels = new Map(ids.map((id, i) => [id, pseudonymLetters(i)]));
  const table = nameTable(members, (id) => `Member ${labels.get(id) ?? '?'}`);
  return {
    pseudonymised: true,
    name: (id) => {
      const letters = labels.get(id);
      return letters === undefined ? UNKNOWN : `Member ${letters}`;
    },
    key: (id) => {
      const letters = labels.get(id);
      return letters === undefined ? 'member-unknown' : `member-${letters.toLowerCase()}`;
    },
    text: (value) => scrub(value, table),
  };
}

// ---------------------------------------------------------------------------------
// Names are matched token by token, never by a pattern built from them: a roster of 100k
// names, or one name of 10k characters, made one giant RegExp that overflowed the stack.
//
// A run is a stretch of letters, marks, digits and emoji. A run is split into tokens where
// a lower-case letter meets an upper-case one ("standup-JonasWeber", "1on1_Priya_Raman"),
// where letters meet digits ("Priya2"), where the script changes ("ОльгаSmith"), around each emoji (one token per emoji, skin
// tone and ZWJ sequence included) and around each character of a script written without
// spaces (Han, kana, Hangul, Thai, …), so a name is found inside a sentence ("王小明说好").
// Invisible format characters (U+200F from Teams, zero-width spaces, bidi controls) are
// dropped from the text before matching, so they cannot hide a name.
//
// Tokens are compared by a folded key (issue 12): compatibility forms (NFKC: fullwidth,
// mathematical and circled letters, ligatures), full case folding (ß and SS, İ and I,
// final sigma) and no default-ignorable characters (a combining grapheme joiner or a
// variation selector inside a name). Only keys are folded: the text around a name is
// left exactly as it was written.

interface NameTable {
  /** Key of a token, or of a run written together → replacement (SHARED_PART when shared). */
  parts: Map<string, string>;
  /** Keys of a name's tokens, joined by spaces → its member's label. */
  full: Map<string, FullName>;
  /** Keys of a run of several tokens inside a name ("小 明", "🦊 🌙", "ольга smith") → replacement. */
  phrases: Map<string, string>;
  /** First tokens of full names and phrases of more than one token: only these start a longer match. */
  starts: Set<string>;
  /** Most tokens in a full name or phrase that is matched as a whole. */
  longest: number;
}

/** Full names of more tokens than this are still scrubbed, token by token. */
const MAX_FULL_NAME_WORDS = 16;
/** What may stand between the words of one name in free text ("Lee, Sam", "Mary-Jane"). */
const MAX_GAP = 4;

// Format characters (Cf) hide inside words; a ZWJ between two letters does too.
const INVISIBLE = /(?!\u200D)\p{Cf}|(?<=[\p{L}\p{M}\p{N}])\u200D(?=[\p{L}\p{M}\p{N}])/gu;

interface FullName {
  label: string;
  /** What the name has before its first word and after its last ("Ana *Ruiz*"): replaced with it. */
  lead: string;
  trail: string;
}

const enum Kind {
  Separator,
  /** A letter or digit of a spaced script: letters make words. */
  Letter,
  /** A letter of a script written without spaces: a token of its own. */
  Unspaced,
  /** Joins the token before it: combining marks, variation selectors, other invisible characters. */
  Mark,
  Emoji,
  SkinTone,
  RegionalIndicator,
  Zwj,
}

interface CharInfo {
  kind: Kind;
  /** For letters: 'latin', 'greek', 'cyrillic', 'other'; '' for digits. */
  script: string;
  /** A digit: a run splits where letters and digits meet ("Priya2", "1on1Priya"). */
  digit: boolean;
  upper: boolean;
  lower: boolean;
}

const SEPARATOR: CharInfo = { kind: Kind.Separator, script: '', digit: false, upper: false, lower: false };
const UNSPACED = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
const charInfoCache = new Map<number, CharInfo>();

function letterInfo(kind: Kind, ch: string): CharInfo {
  // Case and script of what the character stands for: "𝐏" and "Ⓟ" are an upper-case Latin P.
  const first = String.fromCodePoint(ch.normalize('NFKC').codePointAt(0) ?? 0);
  const script = /\p{sc=Latin}/u.test(first) ? 'latin' : /\p{sc=Greek}/u.test(first) ? 'greek' : /\p{sc=Cyrillic}/u.test(first) ? 'cyrillic' : /\p{L}/u.test(first) ? 'other' : '';
  return { kind, script, digit: /\p{N}/u.test(first), upper: /\p{Lu}/u.test(first), lower: /\p{Ll}/u.test(first) };
}

function classify(ch: string): CharInfo {
  if (ch === '\u200D') return { ...SEPARATOR, kind: Kind.Zwj };
  if (/\p{Emoji_Modifier}/u.test(ch)) return { ...SEPARATOR, kind: Kind.SkinTone };
  if (/\p{Extended_Pictographic}/u.test(ch)) return { ...SEPARATOR, kind: Kind.Emoji };
  if (/\p{Regional_Indicator}/u.test(ch)) return { ...SEPARATOR, kind: Kind.RegionalIndicator };
  if (/[\p{M}\p{Default_Ignorable_Code_Point}]/u.test(ch)) return { ...SEPARATOR, kind: Kind.Mark };
  if (/[\p{L}\p{N}]/u.test(ch)) return letterInfo(UNSPACED.test(ch) ? Kind.Unspaced : Kind.Letter, ch);
  // A symbol that stands for one letter: circled (Ⓟ) and squared (🄿) letters.
  const compat = ch.normalize('NFKC');
  if (/\p{So}/u.test(ch) && [...compat].length === 1 && /\p{L}/u.test(compat)) return letterInfo(Kind.Letter, ch);
  return SEPARATOR;
}

function charInfo(cp: number, ch: string): CharInfo {
  if (cp < 0x80) {
    if (cp >= 0x61 && cp <= 0x7a) return ASCII_LOWER;
    if (cp >= 0x41 && cp <= 0x5a) return ASCII_UPPER;
    if (cp >= 0x30 && cp <= 0x39) return ASCII_DIGIT;
    return SEPARATOR;
  }
  let info = charInfoCache.get(cp);
  if (info === undefined) {
    info = classify(ch);
    if (charInfoCache.size < 65_536) charInfoCache.set(cp, info);
  }
  return info;
}

const ASCII_LOWER: CharInfo = { kind: Kind.Letter, script: 'latin', digit: false, upper: false, lower: true };
const ASCII_UPPER: CharInfo = { kind: Kind.Letter, script: 'latin', digit: false, upper: true, lower: false };
const ASCII_DIGIT: CharInfo = { kind: Kind.Letter, script: '', digit: true, upper: false, lower: false };

type TokenKind = 'word' | 'unspaced' | 'emoji';

interface Word {
  start: number;
  end: number;
  key: string;
  kind: TokenKind;
  /** Index of the run (letters, marks, digits and emoji with nothing between) it belongs to. */
  run: number;
}

/** The token being read. */
interface Open {
  start: number;
  end: number;
  kind: TokenKind;
  script: string;
  digit: boolean;
  lower: boolean;
  /** An emoji followed by a ZWJ: the next emoji joins it. */
  join: boolean;
  /** Regional indicators in an emoji token (two make a flag). */
  ri: number;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  let run = -1;
  let inRun = false;
  let current: Open | null = null;
  const close = (): void => {
    if (current !== null) out.push({ start: current.start, end: current.end, kind: current.kind, key: fold(text.slice(current.start, current.end), current.kind), run });
    current = null;
  };
  const open = (at: number, end: number, kind: TokenKind, info: CharInfo): void => {
    close();
    if (!inRun) {
      run++;
      inRun = true;
    }
    current = { start: at, end, kind, script: info.script, digit: info.digit, lower: info.lower, join: false, ri: info.kind === Kind.RegionalIndicator ? 1 : 0 };
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const size = cp > 0xffff ? 2 : 1;
    const end = i + size;
    const info = charInfo(cp, size === 1 ? text[i] ?? '' : text.slice(i, end));
    const c = current as Open | null;
    switch (info.kind) {
      case Kind.Separator:
        close();
        inRun = false;
        break;
      case Kind.Mark:
        if (c !== null) c.end = end;
        else open(i, end, 'word', info);
        break;
      case Kind.Zwj:
        if (c !== null) {
          c.end = end;
          c.join = c.kind === 'emoji';
        }
        break;
      case Kind.SkinTone:
        if (c !== null && c.kind === 'emoji') c.end = end;
        else open(i, end, 'emoji', info);
        break;
      case Kind.Emoji:
        if (c !== null && c.kind === 'emoji' && c.join) {
          c.end = end;
          c.join = false;
        } else open(i, end, 'emoji', info);
        break;
      case Kind.RegionalIndicator:
        if (c !== null && c.kind === 'emoji' && c.ri === 1) {
          c.end = end;
          c.ri = 2;
        } else open(i, end, 'emoji', info);
        break;
      case Kind.Unspaced:
        open(i, end, 'unspaced', info);
        break;
      case Kind.Letter: {
        const split = c === null || c.kind !== 'word' || c.digit !== info.digit || (c.lower && info.upper) || (info.script !== '' && c.script !== '' && info.script !== c.script);
        if (split) open(i, end, 'word', info);
        else if (c !== null) {
          c.end = end;
          if (info.script !== '') c.script = info.script;
          c.lower = info.lower;
        }
        break;
      }
    }
    i = end;
  }
  close();
  return out;
}

function visible(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '');
}

const NON_ASCII = /[\u0080-\u{10FFFF}]/u;

/** The key a token is compared by: NFKC, full case folding, no default-ignorable characters. */
function fold(s: string, kind: TokenKind = 'word'): string {
  if (kind === 'emoji') return s.replace(/[\uFE0E\uFE0F]/g, '');
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  return s
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .toUpperCase()
    .toLowerCase()
    .replace(/i\u0307/g, 'i')
    .replace(/ς/g, 'σ')
    .normalize('NFKC');
}

function isPart(key: string): boolean {
  // Length in code points, so a two-letter name in an astral script still counts.
  let n = 0;
  for (const _ of key) if (++n >= MIN_PART) return true;
  return false;
}

/** Tokens grouped by run, in order. */
function runsOf(ws: readonly Word[]): Word[][] {
  const runs: Word[][] = [];
  for (const w of ws) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[0]?.run === w.run) last.push(w);
    else runs.push([w]);
  }
  return runs;
}

/** Folded names, name parts and runs → replacement. A full name always names its member. */
function nameTable(members: readonly NameSource[], label: (id: string) => string): NameTable {
  const parts = new Map<string, string>();
  const partOwner = new Map<string, string>();
  const phrases = new Map<string, string>();
  const phraseOwner = new Map<string, string>();
  const full = new Map<string, FullName>();
  const starts = new Set<string>();
  let longest = 1;
  const claim = (map: Map<string, string>, owners: Map<string, string>, key: string, id: string): void => {
    const previous = owners.get(key);
    owners.set(key, id);
    map.set(key, previous === undefined || previous === id ? label(id) : SHARED_PART);
  };
  const claimPart = (key: string, id: string): void => {
    if (isPart(key)) claim(parts, partOwner, key, id);
  };
  // A run of several tokens is a part written together ("jonasweber") and a phrase ("jonas weber").
  const claimRun = (ws: readonly Word[], id: string): void => {
    if (ws.length < 2 || ws.length > MAX_FULL_NAME_WORDS) return;
    claimPart(ws.map((w) => w.key).join(''), id);
    claim(phrases, phraseOwner, ws.map((w) => w.key).join(' '), id);
    starts.add(ws[0]?.key ?? '');
    longest = Math.max(longest, ws.length);
  };
  for (const m of members) {
    const name = visible(m.name).trim();
    const ws = words(name);
    for (const w of ws) if (w.kind === 'word') claimPart(w.key, m.id);
    for (const run of runsOf(ws)) {
      claimRun(run, m.id);
      // Each stretch of one kind in a run ("🦊🌙" in "Kit🦊🌙") is a part of its own too.
      let from = 0;
      for (let i = 1; i <= run.length; i++) {
        if (i < run.length && run[i]?.kind === run[from]?.kind) continue;
        if (i - from < run.length) claimRun(run.slice(from, i), m.id);
        from = i;
      }
    }
    if (ws.length > 0 && ws.length <= MAX_FULL_NAME_WORDS) {
      const lead = name.slice(0, ws[0]?.start ?? 0).toLowerCase();
      const trail = name.slice(ws[ws.length - 1]?.end ?? name.length).toLowerCase();
      full.set(ws.map((w) => w.key).join(' '), { label: label(m.id), lead, trail });
      if (ws.length > 1) {
        starts.add(ws[0]?.key ?? '');
        // The whole name written together ("JONASWEBER") is a part of it.
        claimPart(ws.map((w) => w.key).join(''), m.id);
      }
      longest = Math.max(longest, ws.length);
    }
  }
  return { parts, full, phrases, starts, longest };
}

function scrub(value: string, table: NameTable): string {
  if (table.parts.size === 0 && table.full.size === 0) return value;
  const text = visible(value);
  const ws = words(text);
  let out = '';
  let copied = 0;
  const replace = (from: number, to: number, by: string): void => {
    out += text.slice(copied, from) + by;
    copied = to;
  };
  // A whole name takes its own punctuation with it, where the text has it too.
  const replaceWhole = (from: number, to: number, name: FullName): void => {
    const start = name.lead !== '' && from - name.lead.length >= copied && text.slice(from - name.lead.length, from).toLowerCase() === name.lead ? from - name.lead.length : from;
    const end = name.trail !== '' && text.slice(to, to + name.trail.length).toLowerCase() === name.trail ? to + name.trail.length : to;
    replace(start, end, name.label);
  };
  for (let i = 0; i < ws.length; ) {
    const w = ws[i];
    // A whole name or phrase of several tokens first ("Sam Lee" before "Sam"), longest match
    // wins, a full name before a phrase of the same tokens.
    let matched = -1;
    let whole: FullName | undefined;
    let phrase: string | undefined;
    if (table.starts.has(w.key)) {
      let key = w.key;
      for (let j = i + 1; j < ws.length && j - i < table.longest; j++) {
        const next = ws[j];
        const gap = text.slice(ws[j - 1].end, next.start);
        if (gap.length > MAX_GAP || gap.includes('\n')) break;
        key += ` ${next.key}`;
        const hit = table.full.get(key);
        const inside = hit === undefined ? table.phrases.get(key) : undefined;
        if (hit !== undefined || inside !== undefined) {
          matched = j;
          whole = hit;
          phrase = inside;
        }
      }
    }
    if (matched >= 0 && whole !== undefined) {
      replaceWhole(w.start, ws[matched].end, whole);
      i = matched + 1;
      continue;
    }
    if (matched >= 0 && phrase !== undefined) {
      replace(w.start, ws[matched].end, phrase);
      i = matched + 1;
      continue;
    }
    // Then a run written together ("JonasWeber", "MCDONALD"), then the single token.
    let last = i;
    while (last + 1 < ws.length && ws[last + 1].run === w.run) last++;
    if (last > i && (i === 0 || ws[i - 1].run !== w.run)) {
      const runKey = ws.slice(i, last + 1).map((x) => x.key).join('');
      const runWhole = table.full.get(runKey);
      const run = runWhole?.label ?? table.parts.get(runKey);
      if (run !== undefined) {
        if (runWhole) replaceWhole(w.start, ws[last].end, runWhole);
        else replace(w.start, ws[last].end, run);
        i = last + 1;
        continue;
      }
    }
    const singleWhole = table.full.get(w.key);
    if (singleWhole !== undefined) replaceWhole(w.start, w.end, singleWhole);
    else {
      const part = table.parts.get(w.key);
      if (part !== undefined) replace(w.start, w.end, part);
    }
    i++;
  }
  return copied === 0 && out === '' ? text : out + text.slice(copied);
}

/** FNV-1a, 32-bit: a cheap, stable hash (not a secret) to decouple letters from roster order. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
