// markdown-escape ships no types. Its one function escapes Markdown control characters;
// `skips` names groups to leave alone (e.g. 'slashes').
declare module 'markdown-escape' {
  function markdownEscape(text: string, skips?: readonly string[]): string;
  export = markdownEscape;
}
