// UI-only state kept in the webview's own storage (vscode.setState). The host owns the
// session; this is just what a person would be annoyed to lose when the panel reloads.
import * as v from 'valibot';
import { vscodeApi } from './vscodeApi';

const UiStateSchema = v.object({
  v: v.literal(1),
  /** Which retro this panel shows: the host's panel serializer reads it back after a reload. */
  sessionId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(128))), null),
  drafts: v.record(v.string(), v.pipe(v.string(), v.maxLength(20_000))),
  selectedMemberId: v.nullable(v.string()),
  scrollY: v.number(),
  collapsed: v.record(v.string(), v.boolean()),
});
export type UiState = v.InferOutput<typeof UiStateSchema>;

export function emptyUiState(): UiState {
  return { v: 1, sessionId: null, drafts: {}, selectedMemberId: null, scrollY: 0, collapsed: {} };
}

export function loadUiState(): UiState {
  const result = v.safeParse(UiStateSchema, vscodeApi().getState());
  return result.success ? result.output : emptyUiState();
}

let pending: ReturnType<typeof setTimeout> | undefined;

/** Coalesces frequent writes (typing, scrolling) into one setState call. */
export function saveUiState(state: UiState, immediate = false): void {
  if (pending !== undefined) clearTimeout(pending);
  pending = undefined;
  const write = (): void => {
    pending = undefined;
    vscodeApi().setState(state);
  };
  if (immediate) write();
  else pending = setTimeout(write, 250);
}
