// Labels that quote people's text or a file's content. VS Code renders "$(name)" in a status
// bar item's text and in a quick pick item's label, description and detail as a codicon, so a
// member called "$(alert) Eve" showed a warning icon instead of her name. VS Code reads
// "\$(name)" as the literal text "$(name)" (renderLabelWithIcons in
// src/vs/base/browser/ui/iconLabel/iconLabels.ts), so one more backslash before each icon
// pattern (already escaped or not) leaves the label reading exactly as typed, with no icon.
const ICON = /(?:\\)?\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

export function plainLabel(text: string): string {
  return text.replace(ICON, (match) => `\\${match}`);
}
