// What every view function receives: the host's snapshot, the UI state, and stable
// handlers. Handlers are created once so that lit never has to rebind listeners.
import * as l10n from '@vscode/l10n';
import type { Intent, MemberView, RetroView } from '../../protocol';
import type { UiState } from '../uiState';
import type { EditKind, Removal } from '../edits';

/** What the panel is changing in place (see ../edits.ts), read-only for the views. */
export interface EditsView {
  readonly editing: { kind: EditKind; id: string } | null;
  readonly removing: Removal | null;
  hidden(id: string): boolean;
  anyHidden(): boolean;
}

/** Function properties, not methods: each is a closure, safe to hand to lit unbound. */
export interface Handlers {
  send: (intent: Intent) => void;
  /** Reads `data-intent` style attributes from the event's element and sends the intent. */
  onDraftInput: (event: Event) => void;
  record: () => void;
  pass: () => void;
  onRecordKeydown: (event: KeyboardEvent) => void;
  onGiveTurn: (event: Event) => void;
  onPresence: (event: Event) => void;
  /** Removes on screen with Undo offered; sent when the undo window closes. */
  onRemoveContribution: (event: Event) => void;
  onRemoveNote: (event: Event) => void;
  onUndoRemove: (event: Event) => void;
  /** Edit in place: words for a tallied turn, a note's text. */
  onEditStart: (event: Event) => void;
  onEditSave: (event: Event) => void;
  onEditCancel: (event: Event) => void;
  onEditKeydown: (event: KeyboardEvent) => void;
  onDismissNudge: (event: Event) => void;
  onSelectMember: (event: Event) => void;
  onAddNote: (event: Event) => void;
  onGroupNote: (event: Event) => void;
  onVote: (event: Event) => void;
  onAddAction: (event: Event) => void;
  onActionDone: (event: Event) => void;
  onActionOwner: (event: Event) => void;
  onRemoveAction: (event: Event) => void;
  onCheckout: (event: Event) => void;
  onSection: (event: Event) => void;
  onPhase: (event: Event) => void;
  onStage: (event: Event) => void;
  onSimple: (event: Event) => void;
  dismissError: () => void;
  /** Team mode: a member answers or passes for themselves. */
  answer: () => void;
  passMine: () => void;
  onAnswerKeydown: (event: KeyboardEvent) => void;
  onCopyCode: () => void;
  /** A nudge's own action: give the invited member the turn. */
  onNudgeTurn: (event: Event) => void;
  /** Records that a member spoke (a turn in one action), from their name or number key. */
  onTally: (event: Event) => void;
  tally: (memberId: string) => void;
  startRoundRobin: () => void;
  /** Ending a retro asks first, in place. */
  askEnd: () => void;
  cancelEnd: () => void;
  stopRoundRobin: () => void;
  onAnonymity: (event: Event) => void;
  onCopyLink: () => void;
}

export interface ViewContext {
  view: RetroView;
  ui: UiState;
  /** Read-only session: every input is disabled. */
  ro: boolean;
  facilitator: boolean;
  members: ReadonlyMap<string, MemberView>;
  /** How many of the oldest contributions are not rendered yet (filled in after opening). */
  hiddenOlder: number;
  /** How many members at the end of the roster are not rendered yet (filled in after opening). */
  hiddenMembers: number;
  /** A round-robin the facilitator started from its nudge: who speaks now, who is left. */
  roundRobin: { current: string; remaining: readonly string[] } | null;
  /** "End the retro now?" is showing. */
  confirmingEnd: boolean;
  edits: EditsView;
  h: Handlers;
  /**
   * The extension host stopped answering (liveness.ts): what only it knows, such as the team
   * connection it holds, is not shown as live.
   */
  hostLost?: boolean;
}

export function memberName(ctx: ViewContext, id: string | null | undefined): string {
  if (!id) return l10n.t('No one');
  return ctx.members.get(id)?.name ?? l10n.t('Someone who left');
}

/** Accessible names quote people's text; keep them short enough to be useful. */
export function short(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function isOpen(ctx: ViewContext, section: string): boolean {
  return ctx.ui.collapsed[section] !== true;
}
