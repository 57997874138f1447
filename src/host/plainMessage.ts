// Notification text that quotes people's text or a file's content. VS Code renders
// "[label](https:…)", "[label](command:…)" and "[label](file:…)" in a notification as a link,
// and a command link runs its command when clicked: a bad transcript line quoted in an error
// showed a live link (issue 12, test/e2e/hostile.e2e.mjs). A word joiner (U+2060: invisible,
// no width) between "]" and "(" leaves the message reading the same, with no link syntax.
const LINK_JOIN = /\](?=\()/g;

export function plainMessage(text: string): string {
  return text.replace(LINK_JOIN, ']\u2060');
}
