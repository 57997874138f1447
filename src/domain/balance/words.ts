// Word counting on the hot path. The rule lives in ../text (countWords); this is a
// hand-rolled scanner for plain ASCII that gives the same count about five times faster,
// because a million contributions must fold in under a second. Anything non-ASCII goes to
// the shared function. A property test holds the two together.
import { countWords } from '../text';

const enum Kind {
  Other = 0,
  Letter = 1,
  Digit = 2,
  Underscore = 3,
}

function kindOf(c: number): Kind {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return Kind.Letter;
  if (c >= 48 && c <= 57) return Kind.Digit;
  return c === 95 ? Kind.Underscore : Kind.Other;
}

/** `'` `.` `:` join letters ("don't", "e.g"); `'` `.` `,` `;` join digits ("3.5", "1,000"). */
function joins(prev: Kind, c: number, next: Kind): boolean {
  if (prev === Kind.Letter && next === Kind.Letter) return c === 39 || c === 46 || c === 58;
  if (prev === Kind.Digit && next === Kind.Digit) return c === 39 || c === 46 || c === 44 || c === 59;
  return false;
}

export function fastCountWords(text: string): number {
  let n = 0;
  let inWord = false;
  // A run of underscores alone is not a word; it counts once a letter or digit shows up.
  let counted = false;
  let prev = Kind.Other;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return countWords(text);
    const k = kindOf(c);
    if (k !== Kind.Other) {
      if (!inWord) counted = false;
      inWord = true;
      if (!counted && k !== Kind.Underscore) {
        n++;
        counted = true;
      }
    } else if (!(inWord && i + 1 < len && joins(prev, c, kindOf(text.charCodeAt(i + 1))))) {
      inWord = false;
    }
    prev = k;
  }
  return n;
}
