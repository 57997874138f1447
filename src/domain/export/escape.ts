// Escaping people's text for Markdown. The markdown-escape library does the escaping;
// this module only adds what a table cell or list item needs on top of it.
import markdownEscape from 'markdown-escape';

const LINE_BREAKS = /\r\n|\r|\n|\u2028|\u2029|\u0085/;
// A list marker, heading underline or ordered-list number at the very start of an item
// would start a new block; markdown-escape only knows inline syntax.
const BLOCK_START = /^(?:[-+=]|\d{1,9}[.)])/;
// Bare addresses that a Markdown preview with linkify (VS Code's) turns into live links:
// "www.example.com", "example.com", "someone@example.com". A backslash before every "@"
// and before a "." that a letter follows splits what linkify reads as one host or address;
// the preview still shows the text exactly (issue 12, defect 11).
const AUTOLINK_DOT = /\.(?=\p{L})/gu;
// VS Code's own preview (markdown-it 12) joins an escaped character back into the text around
// it before linkify looks, so there the backslashes stop nothing: "https://…", "//host" and
// "someone@example.com" became live links (issue 12, found by test/e2e/hostile.e2e.mjs). A word
// joiner (U+2060: invisible, no width, never a line break) between two slashes and before an
// "@" leaves no scheme, protocol-relative link or e-mail address that linkify can read.
const WORD_JOINER = '\u2060';
// markdown-escape has already written each slash as "\/".
const DOUBLE_SLASH = /(\\?\/)(?=\\?\/)/g;

// Text no step of mdInlineGeneral changes: no line break, nothing the library or we escape,
// no "." (autolinks, "1." list numbers) and no list or heading marker first. The caller
// also checks that trim() leaves it as it is.
const INERT = /^(?![-+=])[^\\&*#/()[\]<>_`|~@.\r\n\u2028\u2029\u0085]*$/;

/**
 * One line of inline text, safe anywhere in a paragraph, list item or table cell.
 * Before the library: line breaks become spaces (a newline would end a table row or
 * list item), backslashes are doubled (so "\*" cannot undo an escape) and "&" becomes
 * "&amp;" (so "&lt;" stays literal text). After it: "|" (table cells) and "~"
 * (strikethrough), which the library does not cover, are backslash-escaped, and so are
 * "@" and a "." before a letter, which linkify would read as an address; a word joiner goes
 * before each "@" and between two slashes, for previews that join escapes back first.
 */
export function mdInline(value: string): string {
  // Most names and sentences hold none of the characters INERT excludes, and every step would hand
  // them back unchanged: a 100k roster ran each name through about twenty passes (issue 12).
  if (INERT.test(value) && value.trim() === value) return value;
  return mdInlineGeneral(value);
}

/** mdInline without its shortcut for inert text; exported so a test can hold the two together. */
export function mdInlineGeneral(value: string): string {
  const flat = value.split(LINE_BREAKS).join(' ').trim();
  const prepared = flat.replaceAll('\\', '\\\\').replaceAll('&', '&amp;');
  const escaped = markdownEscape(prepared)
    .replaceAll('|', '\\|')
    .replaceAll('~', '\\~')
    .replaceAll('@', `${WORD_JOINER}\\@`)
    .replace(AUTOLINK_DOT, '\\.')
    .replace(DOUBLE_SLASH, `$1${WORD_JOINER}`);
  return BLOCK_START.test(escaped) ? guardBlockStart(escaped) : escaped;
}

function guardBlockStart(text: string): string {
  const digits = /^\d+/.exec(text);
  if (digits === null) return `\\${text}`;
  const n = digits[0].length;
  return `${text.slice(0, n)}\\${text.slice(n)}`;
}

export function mdRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A table whose cells are already escaped (numbers, or mdInline output). */
export function mdTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [mdRow(headers), mdRow(headers.map(() => '---')), ...rows.map(mdRow)];
}
