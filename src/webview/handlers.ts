// Event handlers for the whole panel. Lists put ids in data-* attributes so one stable
// handler serves every row; nothing here reads HTML, only values and datasets.
import * as l10n from '@vscode/l10n';
import { MAX_TEXT, type Intent, type RetroView, type TeamAction } from '../protocol';
import type { Phase } from '../domain/types';
import { sayDraftKey } from './views/checkin';
import { answerDraftKey } from './views/team';
import type { Handlers } from './views/context';
import type { EditKind, Edits, RemovalKind } from './edits';
import type { UiState } from './uiState';

/** What the handlers need from the app; keeps them testable and the app small. */
export interface AppPort {
  view(): RetroView | null;
  ui(): UiState;
  saveUi(immediate?: boolean): void;
  send(intent: Intent): number | null;
  rememberDraft(requestId: number, key: string, text: string): void;
  seconds(): number | undefined;
  rerender(): void;
  announce(text: string): void;
  /** Focus `selector` after the next render if focus was lost there, or always with `force`. */
  focusAfterRender(selector: string, force?: boolean): void;
  clearErrors(): void;
  team(action: TeamAction): void;
  startRoundRobin(): void;
  stopRoundRobin(): void;
  roundRobinActive(): boolean;
  confirmEnd(on: boolean): void;
  /** In-place edits and removals that can still be undone. */
  edits(): Edits;
}

/** In a member's panel, the member themself; null in the facilitator's. */
function viewerMember(view: RetroView | null): string | null {
  return view?.viewer?.role === 'member' ? view.viewer.memberId : null;
}

function data(event: Event, name: string): string {
  const el = event.currentTarget as HTMLElement | null;
  return el?.dataset[name] ?? '';
}

function valueOf(event: Event): string {
  return (event.currentTarget as HTMLInputElement).value;
}

/** Where focus should go when the row holding it is about to disappear. */
function neighbourSelector(event: Event, fallback: string): string {
  const li = (event.currentTarget as HTMLElement).closest('li');
  const next = (li?.nextElementSibling ?? li?.previousElementSibling)?.querySelector<HTMLElement>('button[data-id]');
  return next?.dataset.id ? `button[data-id="${CSS.escape(next.dataset.id)}"]` : fallback;
}

function fieldOf(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  return el?.value ?? '';
}

export function createHandlers(app: AppPort): Handlers {
  const writable = (): RetroView | null => {
    const v = app.view();
    return v && !v.readOnly ? v : null;
  };
  /**
   * Keep pace: after a turn on record the quietest present person is next (unless a
   * round-robin leads), so the clock runs for the next turn.
   */
  const moveOn = (view: RetroView, speaker: string): void => {
    const others = view.members.some((m) => m.present && m.id !== speaker);
    if (others && !app.roundRobinActive()) app.send({ kind: 'nextSpeaker' });
  };
  const contribute = (pass: boolean): void => {
    const view = writable();
    const speaker = view?.turn.memberId;
    if (!view || !speaker) return;
    const key = sayDraftKey(speaker);
    const draft = app.ui().drafts[key] ?? '';
    const text = pass ? '' : draft.trim().slice(0, MAX_TEXT * 2);
    if (!pass && text === '') {
      app.announce(l10n.t('Type what was said first, or choose Pass.'));
      return;
    }
    const id = app.send({ kind: 'contribute', memberId: speaker, text, pass, seconds: app.seconds() });
    if (id === null) return;
    // Keep pace: the quietest present person is next (unless a round-robin leads), and the
    // focus stays in the box, ready for what they say.
    moveOn(view, speaker);
    if (!pass) {
      app.rememberDraft(id, key, draft);
      delete app.ui().drafts[key];
      app.saveUi(true);
      app.rerender();
    }
    // Asked for after this render, so it waits for the host's snapshot with the next turn.
    app.focusAfterRender('#say', true);
  };
  /** A member's own answer or pass; the authority times the turn, so no seconds are sent. */
  const answerMine = (pass: boolean): void => {
    const view = writable();
    const me = viewerMember(view);
    if (!view || !me) return;
    const key = answerDraftKey(me);
    const draft = app.ui().drafts[key] ?? '';
    const text = pass ? '' : draft.trim().slice(0, MAX_TEXT * 2);
    if (!pass && text === '') {
      app.announce(l10n.t('Write your answer first, or choose Pass.'));
      return;
    }
    const id = app.send({ kind: 'contribute', memberId: me, text, pass });
    if (id === null) return;
    app.announce(pass ? l10n.t('Passed.') : l10n.t('Answer sent.'));
    if (pass) return;
    app.rememberDraft(id, key, draft);
    delete app.ui().drafts[key];
    app.saveUi(true);
    app.rerender();
  };
  /**
   * A turn in one action: the running turn's seconds, whoever had the turn (in the room the
   * facilitator presses the key of whoever spoke while the clock ran); words can follow. Then,
   * as after Record, the quietest is next, so the clock runs for the next turn.
   */
  const tally = (memberId: string): void => {
    const view = writable();
    const m = view?.members.find((x) => x.id === memberId);
    if (!view || view.phase !== 'check-in' || !m || !m.present) return;
    const seconds = view.turn.memberId !== null ? app.seconds() : undefined;
    const intent: Intent = { kind: 'contribute', memberId, text: '', pass: false, tally: true };
    if (seconds !== undefined) intent.seconds = seconds;
    if (app.send(intent) === null) return;
    app.announce(l10n.t('Recorded a turn for {0}.', m.name));
    moveOn(view, memberId);
  };
  /** Shown as removed at once, with Undo; sent when the undo window closes. */
  const removeLater = (e: Event, kind: RemovalKind): void => {
    if (!writable()) return;
    const id = data(e, 'id');
    const fallback = { note: l10n.t('the note'), contribution: l10n.t('the contribution'), action: l10n.t('the action item') };
    const label = data(e, 'label') || fallback[kind];
    app.edits().remove({ kind, id, label });
    app.announce(l10n.t('Removed {0}. Undo is offered for a few seconds.', label));
    app.focusAfterRender('#undo-remove', true);
    app.rerender();
  };
  /** Back from an edit: the draft goes, focus returns to the row's own button. */
  const stopEditing = (kind: EditKind, id: string): void => {
    const edits = app.edits();
    if (edits.editing?.id === id) edits.editing = null;
    delete app.ui().drafts[`edit:${kind}:${id}`];
    app.saveUi(true);
    app.focusAfterRender(`button[data-id="${CSS.escape(id)}"]`, true);
    app.rerender();
  };
  const h: Handlers = {
    tally,
    onTally: (e) => tally(data(e, 'id')),
    answer: () => answerMine(false),
    passMine: () => answerMine(true),
    onAnswerKeydown(event) {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        answerMine(false);
      }
    },
    onCopyCode: () => app.team('copyCode'),
    onNudgeTurn: (e) => writable() && void app.send({ kind: 'startTurn', memberId: data(e, 'id') }),
    startRoundRobin: () => writable() && app.startRoundRobin(),
    askEnd() {
      if (!writable()) return;
      app.confirmEnd(true);
      app.focusAfterRender('#end-now', true);
      app.rerender();
    },
    cancelEnd() {
      app.confirmEnd(false);
      app.rerender();
    },
    stopRoundRobin: () => app.stopRoundRobin(),
    onAnonymity: (e) => writable() && void app.send({ kind: 'setAnonymity', on: (e.currentTarget as HTMLInputElement).checked }),
    onCopyLink: () => app.team('copyLink'),
    send: (intent) => void app.send(intent),
    onDraftInput(event) {
      const key = data(event, 'draft');
      if (!key) return;
      const ui = app.ui();
      const before = ui.drafts[key] ?? '';
      const value = valueOf(event);
      if (value === '') delete ui.drafts[key];
      else ui.drafts[key] = value;
      app.saveUi();
      const limit = app.view()?.maxTextLength ?? MAX_TEXT;
      if (key.startsWith('say:') && before.length > limit !== value.length > limit) app.rerender();
    },
    record: () => contribute(false),
    pass: () => contribute(true),
    onRecordKeydown(event) {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        contribute(false);
      }
    },
    onGiveTurn(e) {
      if (!writable()) return;
      if (app.send({ kind: 'startTurn', memberId: data(e, 'id') }) !== null) app.focusAfterRender('#say', true);
    },
    onPresence: (e) =>
      void app.send({ kind: 'setPresence', memberId: data(e, 'id'), present: (e.currentTarget as HTMLInputElement).checked }),
    onRemoveContribution: (e) => removeLater(e, 'contribution'),
    onRemoveNote: (e) => removeLater(e, 'note'),
    onUndoRemove() {
      const r = app.edits().undo();
      if (!r) return;
      app.announce(l10n.t('Kept {0}.', r.label));
      app.focusAfterRender(`button[data-id="${CSS.escape(r.id)}"]`, true);
      app.rerender();
    },
    onEditStart(e) {
      if (!writable()) return;
      app.edits().editing = { kind: data(e, 'kind') as EditKind, id: data(e, 'id') };
      app.focusAfterRender('#edit-text', true);
      app.rerender();
    },
    onEditSave(e) {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      const id = form.dataset.id ?? '';
      const kind = form.dataset.kind as EditKind;
      const text = fieldOf(form, 'text').trim().slice(0, MAX_TEXT * 2);
      if (!writable()) return;
      if (text === '') return app.announce(kind === 'note' ? l10n.t('A note needs some text.') : l10n.t('Type what was said first.'));
      const sent = app.send(kind === 'note' ? { kind: 'editNote', noteId: id, text } : { kind: 'editContribution', contributionId: id, text });
      if (sent === null) return;
      app.rememberDraft(sent, `edit:${kind}:${id}`, text);
      stopEditing(kind, id);
    },
    onEditCancel: (e) => stopEditing(data(e, 'kind') as EditKind, data(e, 'id')),
    onEditKeydown(event) {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      const form = (event.currentTarget as HTMLElement).closest('form');
      stopEditing((form?.dataset.kind ?? 'note') as EditKind, form?.dataset.id ?? '');
    },
    onDismissNudge(e) {
      app.focusAfterRender(neighbourSelector(e, '#retro-title'));
      app.send({ kind: 'dismissNudge', nudgeId: data(e, 'id') });
    },
    onSelectMember(e) {
      app.ui().selectedMemberId = valueOf(e) || null;
      app.saveUi(true);
      app.rerender(); // the voter's dots left and Take back buttons follow the choice
    },
    onAddNote(e) {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      const column = form.dataset.column ?? '';
      const text = fieldOf(form, 'text').trim();
      if (!writable() || text === '') return app.announce(l10n.t('Type a note first.'));
      const view = app.view();
      const author = viewerMember(view) ?? app.ui().selectedMemberId;
      const id = app.send({ kind: 'addNote', text, column, memberId: author });
      if (id !== null) clearDraft(app, `note:${column}`);
    },
    onGroupNote: (e) => void app.send({ kind: 'groupNote', noteId: data(e, 'id'), groupId: valueOf(e) || null }),
    onVote(e) {
      const memberId = viewerMember(app.view()) ?? app.ui().selectedMemberId;
      if (!writable()) return;
      if (!memberId) {
        app.announce(l10n.t('Choose who is voting first.'));
        app.focusAfterRender('#acting-as');
        return app.rerender();
      }
      app.send({ kind: 'vote', memberId, noteId: data(e, 'id'), retract: data(e, 'retract') === 'true' });
    },
    onAddAction(e) {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      const text = fieldOf(form, 'text').trim();
      if (!writable() || text === '') return app.announce(l10n.t('Type the action item first.'));
      const due = fieldOf(form, 'due').trim();
      const intent: Intent = { kind: 'addAction', text, ownerId: fieldOf(form, 'owner') || null };
      if (due) intent.due = due;
      if (app.send(intent) === null) return;
      form.reset();
      app.focusAfterRender('#action-text', true);
      clearDraft(app, 'action:text', 'action:due');
    },
    onActionDone: (e) =>
      void app.send({ kind: 'updateAction', actionId: data(e, 'id'), done: (e.currentTarget as HTMLInputElement).checked }),
    onActionOwner: (e) => void app.send({ kind: 'updateAction', actionId: data(e, 'id'), ownerId: valueOf(e) || null }),
    onRemoveAction: (e) => removeLater(e, 'action'),
    onCheckout(e) {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      const memberId = form.dataset.id ?? '';
      const roti = Number(fieldOf(form, 'roti'));
      const intent: Intent = { kind: 'checkout', memberId, text: fieldOf(form, 'text').trim() };
      if (roti >= 1 && roti <= 5) intent.roti = roti;
      if (writable() && app.send(intent) !== null) clearDraft(app, `checkout:${memberId}`);
    },
    onSection(e) {
      const el = e.currentTarget as HTMLDetailsElement;
      const key = el.dataset.section ?? '';
      if (!key || app.ui().collapsed[key] === !el.open) return;
      app.ui().collapsed[key] = !el.open;
      app.saveUi(true);
    },
    onPhase(e) {
      if (!writable()) return;
      app.send({ kind: 'setPhase', phase: data(e, 'phase') as Phase, skip: data(e, 'skip') === 'true' });
    },
    onStage(e) {
      if (!writable()) return;
      app.send({ kind: 'stage', move: data(e, 'move') as 'deeper' | 'stay' | 'back' });
    },
    onSimple(e) {
      const kind = data(e, 'kind');
      if (kind !== 'openSummary' && !writable()) return;
      if (app.send({ kind } as Intent) !== null && kind === 'nextSpeaker') app.focusAfterRender('#say', true);
    },
    dismissError: () => app.clearErrors(),
  };
  return h;
}

function clearDraft(app: AppPort, ...keys: string[]): void {
  for (const key of keys) delete app.ui().drafts[key];
  app.saveUi(true);
  app.rerender();
}
