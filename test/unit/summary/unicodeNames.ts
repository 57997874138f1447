// Random names from a mixed alphabet and random text around them, for the pseudonymising
// property tests (issue 12): test/unit/summary/pseudonymiseUnicode.test.ts and the CLI's
// test/unit/cli/privacy.test.ts.
import fc from 'fast-check';

// Property: random names from a mixed alphabet, written in the text in another Unicode
// spelling, never survive. The leak check is independent of the code under test: it folds
// the output the Unicode way (NFKC, then case), drops default-ignorable characters and the
// pseudonyms, and looks for each part of each name anywhere in what is left. Names and
// filler come from disjoint alphabets, so any part found is a name that got through.

export const NAME_LETTERS = [
  ...'abdeghiknoprstuABDEGHIKNOPRSTUéüñçßøİı',
  ...'αβγδεικλμνοσςΣΩ',
  ...'абвгдежиклмнопЖЩЯ',
  ...'王李张小明华丽',
  ...'さくらはなカタ',
];
export const NAME_EMOJI = ['🦊', '🌙', '🐙', '🌵', '👩‍💻', '❤️'];
export const FILLER = ['xyz', 'cvf', 'wwf', 'fly', 'jmq', 'Lz', '42', '½', '🎉', '👍🏽', 'ﬀ', '①', '™', 'Ｍｍ', 'Ｘ', '東京', 'ﾐﾙ', 'Ω\u0301'];
export const SEPARATORS = [' ', ', ', '. ', '! ', ' (', ') ', '\n', ' — ', '; ', ': ', '? ', ' "', '" '];

/** The Unicode way to compare text: compatibility forms, full case folding, no invisible characters. */
export function foldForCheck(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .toUpperCase()
    .toLowerCase()
    .replace(/i\u0307/g, 'i')
    .replace(/ς/g, 'σ')
    .normalize('NFKC');
}

/** Ways to write a name part in the text that a reader still reads as the name. */
export const respell = fc.constantFrom(
  (s: string) => s,
  (s: string) => s.toUpperCase(),
  (s: string) => s.toLowerCase(),
  (s: string) => s.normalize('NFD'),
  (s: string) => s.replace(/[A-Za-z]/g, (c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0)),
  (s: string) => [...s].join('\u200B'),
  (s: string) => [...s].join('\u00AD'),
  (s: string) => `\u202E${s}\u202C`,
  (s: string) => s.replace(/ß/g, 'SS'),
);

/** Letters a report's own English words cannot hold once folded (no ASCII, no ß or dotless i). */
export const NON_ASCII_LETTERS = [...'éüñçøαβγδεικλμνοσςΣΩабвгдежиклмнопЖЩЯ王李张小明华丽さくらはなカタ'];

export interface Person {
  parts: string[];
  name: string;
}

/** A name of one to three parts, each of letters or of emoji, joined as rosters join them. */
export function personOf(letters: readonly string[] = NAME_LETTERS): fc.Arbitrary<Person> {
  const word = fc.array(fc.constantFrom(...letters), { minLength: 2, maxLength: 6 }).map((cs) => cs.join(''));
  const emojiWord = fc.array(fc.constantFrom(...NAME_EMOJI), { minLength: 2, maxLength: 3 }).map((cs) => cs.join(''));
  const nameParts = fc.array(fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: emojiWord }), { minLength: 1, maxLength: 3 });
  return nameParts.chain((parts) => fc.constantFrom(' ', '-', ' \u200F', '\u00A0').map((sep) => ({ parts, name: parts.join(sep) })));
}

export const person = personOf();

/** One piece of text: a part of someone's name (respelt), their whole name, or filler. */
export function textOf(people: readonly Person[]): fc.Arbitrary<string> {
  const mention = fc.tuple(fc.nat(), fc.nat(), fc.boolean(), respell).map(([who, which, whole, how]) => {
    const p = people[who % people.length];
    return how(whole ? p.parts.join(' ') : p.parts[which % p.parts.length]);
  });
  const piece = fc.oneof(mention, fc.constantFrom(...FILLER));
  return fc.array(fc.tuple(piece, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 12 }).map((ps) => ps.map(([a, b]) => a + b).join(''));
}

/** Each part of each name (two or more characters, as scrubbed) still in the output. */
export function survivors(output: string, people: readonly Person[]): string[] {
  const left = foldForCheck(output.replace(/Member [A-Z]+|a former member|a member/g, ' '));
  return people.flatMap((p) => p.parts).filter((part) => left.includes(foldForCheck(part)));
}

