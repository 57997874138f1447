// UI-only state kept in the webview's own storage (vscode.setState). The host owns the
// session; this is just what a person would be annoyed to lose when the panel reloads.
import { capDrafts, parseUiState, type UiState } from './uiStateParse';
import { vscodeApi } from './vscodeApi';

export { emptyUiState, type UiState } from './uiStateParse';

export function loadUiState(): UiState {
  return parseUiState(vscodeApi().getState());
}

let pending: ReturnType<typeof setTimeout> | undefined;

/** Coalesces frequent writes (typing, scrolling) into one setState call. Drafts are stored capped at DRAFT_MAX. */
export function saveUiState(state: UiState, immediate = false): void {
  if (pending !== undefined) clearTimeout(pending);
  pending = undefined;
  const write = (): void => {
    pending = undefined;
    vscodeApi().setState(capDrafts(state));
  };
  if (immediate) write();
  else pending = setTimeout(write, 250);
}
