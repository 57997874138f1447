// Reading the webview's stored UI state (drafts, selection, scroll, collapsed sections).
// Pure, with no DOM, so it is unit-tested (test/unit/webview/uiState.test.ts). It reads
// field by field and draft by draft: one bad entry costs that entry, never the rest (a
// single draft over the limit used to discard every draft on reload).

/** The longest draft kept; longer ones are trimmed, when stored and when read back. */
export const DRAFT_MAX = 20_000;
const MAX_DRAFTS = 500;
const KEY_MAX = 300;

export interface UiState {
  v: 1;
  /** Which retro this panel shows: the host's panel serializer reads it back after a reload. */
  sessionId: string | null;
  drafts: Record<string, string>;
  selectedMemberId: string | null;
  scrollY: number;
  collapsed: Record<string, boolean>;
}

export function emptyUiState(): UiState {
  return { v: 1, sessionId: null, drafts: {}, selectedMemberId: null, scrollY: 0, collapsed: {} };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const usableKey = (k: string) => k.length <= KEY_MAX && k !== '__proto__';

/** `text` cut to `max` UTF-16 units, without splitting a surrogate pair. */
export function trimDraft(text: string, max = DRAFT_MAX): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

export function parseUiState(raw: unknown): UiState {
  const out = emptyUiState();
  if (!isRecord(raw) || raw['v'] !== 1) return out;
  const { sessionId, drafts, selectedMemberId, scrollY, collapsed } = raw;
  if (typeof sessionId === 'string' && sessionId.length <= 128) out.sessionId = sessionId;
  if (isRecord(drafts)) {
    for (const [k, text] of Object.entries(drafts).slice(0, MAX_DRAFTS)) if (usableKey(k) && typeof text === 'string') out.drafts[k] = trimDraft(text);
  }
  if (typeof selectedMemberId === 'string' && selectedMemberId.length <= 256) out.selectedMemberId = selectedMemberId;
  if (typeof scrollY === 'number' && Number.isFinite(scrollY) && scrollY >= 0) out.scrollY = scrollY;
  if (isRecord(collapsed)) {
    for (const [k, on] of Object.entries(collapsed)) if (usableKey(k) && typeof on === 'boolean') out.collapsed[k] = on;
  }
  return out;
}

/** What is stored: drafts capped at DRAFT_MAX, so a long paste never makes the state unreadable. */
export function capDrafts(state: UiState): UiState {
  if (Object.values(state.drafts).every((d) => d.length <= DRAFT_MAX)) return state;
  return { ...state, drafts: Object.fromEntries(Object.entries(state.drafts).map(([k, d]) => [k, trimDraft(d)])) };
}
