// Consistent pseudonyms for the summary and every export. Names are replaced by
// "Member A", "Member B", …. With a salt (the summary passes its session id) letters follow
// a hash of salt and member, so the same retro always gets the same letters but they do not
// follow the roster's order (an alphabetical roster would otherwise undo them). Without a
// salt, letters follow first appearance.
//
// Free text (action items, check-outs, flag texts, the title) is scanned for each
// member's full name and for each part of it ("Sam", "Lee" in "Lee, Sam") of two or
// more characters, matched case-insensitively on word boundaries. A part that two
// members share ("Sam Lee" and "Sam Ode") cannot be attributed and becomes
// "a member". This is best effort: nicknames or misspellings are not caught.

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
  const ids = [...new Set(members.map((m) => m.id))];
  if (salt !== undefined) {
    const rank = new Map(ids.map((id) => [id, fnv1a(`${salt}\u0000${id}`)]));
    ids.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || (a < b ? -1 : 1));
  }
  const labels = new Map(ids.map((id, i) => [id, pseudonymLetters(i)]));
  const replacements = replacementTable(members, (id) => `Member ${labels.get(id) ?? '?'}`);
  const pattern = namePattern([...replacements.keys()]);
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
    text: (value) =>
      pattern === null ? value : value.replace(pattern, (hit) => replacements.get(fold(hit)) ?? SHARED_PART),
  };
}

function fold(s: string): string {
  return s.normalize('NFC').toLowerCase();
}

/** Folded name or name part → replacement. Full names win over parts. */
function replacementTable(members: readonly NameSource[], label: (id: string) => string): Map<string, string> {
  const table = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const m of members) {
    for (const part of m.name.split(/[\s,;()[\]{}"'“”‘’/|]+/u)) {
      if ([...part].length < MIN_PART) continue;
      const key = fold(part);
      const previous = owner.get(key);
      owner.set(key, m.id);
      table.set(key, previous === undefined || previous === m.id ? label(m.id) : SHARED_PART);
    }
  }
  for (const m of members) {
    const key = fold(m.name.trim());
    if (key.length > 0) table.set(key, label(m.id));
  }
  return table;
}

function namePattern(names: readonly string[]): RegExp | null {
  if (names.length === 0) return null;
  // Longest first, so "Sam Lee" is replaced whole before "Sam" could match inside it.
  const sorted = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${sorted.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}

function escapeRegExp(s: string): string {
  // Only syntax characters may be escaped in a /u pattern; "-" must stay bare.
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
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
