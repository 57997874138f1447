// Word counting on the hot path. The rule lives in ../text (countWords); this is a
// hand-rolled scanner for plain ASCII that gives the same count several times faster,
// because a million contributions must fold in under a second. Anything non-ASCII goes to
// the shared function. A property test holds the two together.
import { countWords } from '../text';

// Character classes as bits, so that "a joiner between two of the same class" is one test:
// JOINS[c] holds the classes that c joins, and Underscore shares no bit with them.
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const UNDERSCORE = 4;

/** Class of each ASCII code: one load per character instead of a chain of range tests. */
const KIND = new Uint8Array(128);
/** `'` `.` `:` join letters ("don't", "e.g"); `'` `.` `,` `;` join digits ("3.5", "1,000"). */
const JOINS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) KIND[c] = LETTER;
  else if (c >= 48 && c <= 57) KIND[c] = DIGIT;
  else if (c === 95) KIND[c] = UNDERSCORE;
}
for (const ch of "'.:") JOINS[ch.charCodeAt(0)] |= LETTER;
for (const ch of "'.,;") JOINS[ch.charCodeAt(0)] |= DIGIT;

export function fastCountWords(text: string): number {
  let n = 0;
  let inWord = false;
  // A run of underscores alone is not a word; it counts once a letter or digit shows up.
  let counted = false;
  let prev = OTHER;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return countWords(text);
    const k = KIND[c];
    if (k !== OTHER) {
      if (!inWord) {
        inWord = true;
        counted = false;
      }
      if (!counted && k !== UNDERSCORE) {
        n++;
        counted = true;
      }
    } else if (inWord) {
      // A joiner between two of the same class keeps the word going. A non-ASCII follower
      // ends it here; the next step hands the whole text over anyway.
      const next = i + 1 < len ? text.charCodeAt(i + 1) : 128;
      if ((JOINS[c] & prev) === 0 || next > 127 || KIND[next] !== prev) inWord = false;
    }
    prev = k;
  }
  return n;
}
