// Consistent pseudonyms for the summary and every export. Names are replaced by
// "Member A", "Member B", …. With a salt (the summary passes its session id) letters follow
// a hash of salt and member, so the same retro always gets the same letters but they do not
// follow the roster's order (an alphabetical roster would otherwise undo them). Without a
// salt, letters follow first appearance.
//
// Free text (action items, check-outs, flag texts, the title) is scanned for each
// member's full name and for each part of it ("Sam", "Lee" in "Lee, Sam"; "Mary" in
// "Mary-Jane") of two or more characters, matched case-insensitively word by word (see
// scrub below). A part that two members share ("Sam Lee" and "Sam Ode") cannot be
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
// Names are matched word by word, never by a pattern built from them: a roster of 100k
// names, or one name of 10k characters, made one giant RegExp that overflowed the stack.
//
// A word is a run of letters, marks and digits, and a run is also split where a lower-case
// letter meets an upper-case one, so "standup-JonasWeber", "1on1_Priya_Raman" and
// "Mary-Jane" show their names. Invisible format characters (U+200F from Teams, zero-width
// spaces, bidi controls) are dropped before matching, so they cannot hide a name.

interface NameTable {
  /** Folded word or whole run → replacement (SHARED_PART when two members share it). */
  parts: Map<string, string>;
  /** Folded words of a full name, joined by spaces → its member's label. */
  full: Map<string, FullName>;
  /** First words of full names of more than one word: only these start a longer match. */
  starts: Set<string>;
  /** Most words in a full name that is matched as a whole. */
  longest: number;
}

/** Full names of more words than this are still scrubbed, word by word. */
const MAX_FULL_NAME_WORDS = 16;
/** What may stand between the words of one name in free text ("Lee, Sam", "Mary-Jane"). */
const MAX_GAP = 4;

const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;
const CAMEL = /(?<=\p{Ll})(?=\p{Lu})/u;
// Format characters (Cf) hide inside words; a ZWJ between two letters does too.
const INVISIBLE = /(?!\u200D)\p{Cf}|(?<=[\p{L}\p{M}\p{N}])\u200D(?=[\p{L}\p{M}\p{N}])/gu;

interface FullName {
  label: string;
  /** What the name has before its first word and after its last ("Ana *Ruiz*"): replaced with it. */
  lead: string;
  trail: string;
}

interface Word {
  start: number;
  end: number;
  key: string;
  /** The run this word belongs to starts here and spans `runEnd` (only on a run's first word). */
  runEnd: number;
  runKey: string;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD_RUN)) {
    const run = m[0];
    const at = m.index;
    const pieces = run.split(CAMEL);
    let offset = at;
    pieces.forEach((piece, i) => {
      out.push({
        start: offset,
        end: offset + piece.length,
        key: fold(piece),
        runEnd: i === 0 && pieces.length > 1 ? at + run.length : -1,
        runKey: i === 0 && pieces.length > 1 ? fold(run) : '',
      });
      offset += piece.length;
    });
  }
  return out;
}

function visible(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '');
}

function fold(s: string): string {
  return s.toLowerCase();
}

function isPart(key: string): boolean {
  // Length in code points, so a two-letter name in an astral script still counts.
  let n = 0;
  for (const _ of key) if (++n >= MIN_PART) return true;
  return false;
}

/** Folded names and name parts → replacement. A full name always names its member. */
function nameTable(members: readonly NameSource[], label: (id: string) => string): NameTable {
  const parts = new Map<string, string>();
  const owner = new Map<string, string>();
  const full = new Map<string, FullName>();
  const starts = new Set<string>();
  let longest = 1;
  const claim = (key: string, id: string): void => {
    if (!isPart(key)) return;
    const previous = owner.get(key);
    owner.set(key, id);
    parts.set(key, previous === undefined || previous === id ? label(id) : SHARED_PART);
  };
  for (const m of members) {
    const name = visible(m.name).trim();
    const ws = words(name);
    for (const w of ws) {
      claim(w.key, m.id);
      if (w.runKey !== '') claim(w.runKey, m.id);
    }
    if (ws.length > 0 && ws.length <= MAX_FULL_NAME_WORDS) {
      const lead = fold(name.slice(0, ws[0]?.start ?? 0));
      const trail = fold(name.slice(ws[ws.length - 1]?.end ?? name.length));
      full.set(ws.map((w) => w.key).join(' '), { label: label(m.id), lead, trail });
      if (ws.length > 1) starts.add(ws[0]?.key ?? '');
      longest = Math.max(longest, ws.length);
    }
  }
  return { parts, full, starts, longest };
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
    const start = name.lead !== '' && from - name.lead.length >= copied && fold(text.slice(from - name.lead.length, from)) === name.lead ? from - name.lead.length : from;
    const end = name.trail !== '' && fold(text.slice(to, to + name.trail.length)) === name.trail ? to + name.trail.length : to;
    replace(start, end, name.label);
  };
  for (let i = 0; i < ws.length; ) {
    const w = ws[i];
    // A whole name of several words first ("Sam Lee" before "Sam"), longest match wins.
    let matched = -1;
    let whole: FullName | undefined;
    if (table.starts.has(w.key)) {
      let key = w.key;
      for (let j = i + 1; j < ws.length && j - i < table.longest; j++) {
        const next = ws[j];
        const gap = text.slice((ws[j - 1]).end, next.start);
        if (gap.length > MAX_GAP || gap.includes('\n')) break;
        key += ` ${next.key}`;
        const hit = table.full.get(key);
        if (hit !== undefined) {
          matched = j;
          whole = hit;
        }
      }
    }
    if (matched >= 0 && whole !== undefined) {
      replaceWhole(w.start, (ws[matched]).end, whole);
      i = matched + 1;
      continue;
    }
    // Then a run written together ("JonasWeber", "MCDONALD"), then the single word.
    if (w.runKey !== '') {
      const runWhole = table.full.get(w.runKey);
      const run = runWhole?.label ?? table.parts.get(w.runKey);
      if (run !== undefined) {
        if (runWhole) replaceWhole(w.start, w.runEnd, runWhole);
        else replace(w.start, w.runEnd, run);
        while (i < ws.length && (ws[i]).start < w.runEnd) i++;
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
