// Whether a label in plain dialogue is a person's name or the start of a sentence. Only
// formats without their own speaker field need this: a voice tag, a Zoom cue, a chat line
// or a caption header names its speaker by construction.

/** Words that stay lower-case inside names: "Ana de la Cruz", "Ludwig van Beethoven". */
const PARTICLES = new Set([
  'al', 'bin', 'da', 'das', 'de', 'degli', 'del', 'della', 'der', 'di', 'do', 'dos', 'du', 'el', 'la', 'le',
  'van', 'von', 'y', 'e', 'zu', 'ten', 'ter', 'of', 'and',
]);
const MAX_NAME_WORDS = 6;
const STARTS_LOWER = /^\p{Ll}/u;
/** Handles and addresses are names too: "j.doe@example.com", "dev_ops", "iPhone". */
const HANDLE = /[@._\d]|\p{Ll}\p{Lu}/u;
const SENTENCE_END = /[!?¿¡…,;]$/u;

/**
 * A sentence ending in a colon ("Todo pasa por la central:", "The plan is:") is not a
 * name. A name has at most six words, does not end in sentence punctuation, and has at
 * most one lower-case word that is neither a particle nor a handle.
 */
export function looksLikeName(label: string): boolean {
  if (SENTENCE_END.test(label)) return false;
  const words = label.split(' ');
  if (words.length > MAX_NAME_WORDS) return false;
  let lower = 0;
  for (const word of words) {
    if (!STARTS_LOWER.test(word) || PARTICLES.has(word) || HANDLE.test(word)) continue;
    lower += 1;
  }
  return lower <= (words.length === 1 ? 1 : 0) || (words.length > 2 && lower <= 1);
}
