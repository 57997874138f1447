// Panel-wide shortcuts (Alt+P pass, Alt+N next speaker). They never fire while someone
// is typing: the only key a text field gives up is Ctrl+Enter, handled by the recorder.
export interface Shortcuts {
  pass(): void;
  nextSpeaker(): void;
  /** 1–9 without modifiers: record that the person with that number spoke. */
  tally(digit: number): void;
  enabled(): boolean;
}

function isEditable(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'TEXTAREA' || tag === 'INPUT' || tag === 'SELECT' || tag === 'VSCODE-TEXTAREA' || tag === 'VSCODE-TEXTFIELD';
}

export function installShortcuts(target: Document, shortcuts: Shortcuts): void {
  target.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (isEditable(event.composedPath()[0]) || !shortcuts.enabled()) return;
    const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
    if (!event.altKey && digit) {
      event.preventDefault();
      shortcuts.tally(Number(digit[1]));
      return;
    }
    if (!event.altKey) return;
    // `code`, not `key`: Alt+P is "π" on a Mac keyboard.
    if (event.code === 'KeyP') {
      event.preventDefault();
      shortcuts.pass();
    } else if (event.code === 'KeyN') {
      event.preventDefault();
      shortcuts.nextSpeaker();
    }
  });
}
