// The webview application: receives snapshots, renders them with lit (keyed, so only
// what changed touches the DOM), and sends intents. The host owns the session.
import * as l10n from '@vscode/l10n';
import { LitElement, html, render } from 'lit';
import { FIRST_CONTRIBUTIONS, type HostToWebview, type Intent, type MemberView, type RetroView } from '../protocol';
import { changeAnnouncements } from './announce';
import { postHistory, postTeamAction, readHostMessage, sendIntent } from './bridge';
import { createHandlers, type AppPort } from './handlers';
import { installShortcuts } from './keyboard';
import { Edits, type RemovalKind } from './edits';
import { TurnTimer } from './timer';
import { loadUiState, saveUiState, type UiState } from './uiState';
import type { Handlers, ViewContext } from './views/context';
import { errorBanner, panel } from './views/panel';
import { tallyKeys } from './views/roster';

const MAX_ERRORS = 5;
/**
 * Newest contributions rendered in the first frame when a panel opens on a long history and
 * its list is in view (a screenful: rows are at least 3.6em tall). A list below the fold (the
 * facilitator's layout, under the roster) gets none in that frame; all follow in chunks after it.
 * As many as the host's first snapshot carries of a long retro: the rest come when asked.
 */
const FIRST_ROWS = FIRST_CONTRIBUTIONS;
const CHUNK_ROWS = 250;
/**
 * Members rendered at once when a panel opens: a screenful of the roster (rows are at least
 * 36 px). A team of 50 was two thirds of the first render, almost all of it below the fold;
 * the rest follow with the first chunk of older rows.
 */
const FIRST_MEMBERS = 24;

export class App {
  private view: RetroView | null = null;
  private readonly ui: UiState = loadUiState();
  private errors: string[] = [];
  private readonly timer = new TurnTimer();
  private readonly drafts = new Map<number, { key: string; text: string }>();
  private readonly handlers: Handlers;
  private focusSelector: string | null = null;
  private focusForced = false;
  private focusWaits = 0;
  private confirmingEnd = false;
  private announcing: string[] = [];
  private readonly edits = new Edits((r) => this.sendRemoval(r.kind, r.id), () => this.afterUndoWindow());
  private rendered = false;
  /** The first frame is marked; from then on a snapshot without older rows makes the panel ask for them. */
  private interactive = false;
  private askedHistory = false;
  private hiddenOlder = 0;
  private hiddenMembers = 0;
  private filling: ReturnType<typeof setTimeout> | undefined;
  /** The reason requests are refused while the extension host is silent (liveness.ts), or null. */
  private hostLost: string | null = null;
  /** A round-robin in progress: who has the turn, who is left, and whether their turn was seen. */
  private rr: { current: string; remaining: string[]; sawTurn: boolean } | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly announcer: HTMLElement,
  ) {
    this.handlers = createHandlers(this.port());
    installShortcuts(document, {
      enabled: () => !!this.view && !this.view.readOnly && this.view.phase === 'check-in' && this.view.viewer?.role !== 'member',
      pass: () => this.handlers.pass(),
      nextSpeaker: () => {
        this.handlers.send({ kind: 'nextSpeaker' });
        this.focusSelector = '#say';
        this.focusForced = true;
      },
      tally: (digit) => {
        const view = this.view;
        if (!view) return;
        for (const [id, key] of tallyKeys(view.members)) if (key === digit) this.handlers.tally(id);
      },
    });
    // A removal still inside its undo window is sent before the panel goes away.
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && this.edits.flush());
    window.addEventListener('pagehide', () => this.edits.flush());
    window.addEventListener('scroll', () => {
      this.ui.scrollY = Math.round(window.scrollY);
      saveUiState(this.ui);
    }, { passive: true });
  }

  handleMessage(data: unknown): void {
    const incoming = readHostMessage(data);
    if (!incoming.ok) return this.showError(incoming.error);
    this.apply(incoming.message);
  }

  private apply(message: HostToWebview): void {
    switch (message.type) {
      case 'snapshot':
        return this.setView(message.view);
      case 'ack':
        this.drafts.delete(message.requestId);
        return;
      case 'error':
        this.restoreDraft(message.requestId);
        this.edits.forgetSent(); // a refused removal shows again
        return this.showError(message.message);
    }
  }

  private setView(view: RetroView): void {
    const phaseChanged = this.view !== null && this.view.phase !== view.phase;
    const said = changeAnnouncements(this.view, view);
    const before = this.view;
    if (before) reuseRows(before, view);
    // The history came (the older rows the first snapshot left out): the rows shown stay shown,
    // the older ones follow in chunks as on opening.
    const history = before !== null && this.rendered && omitted(view) < omitted(before);
    if (before && history) {
      const shown = before.contributions.length - Math.min(this.hiddenOlder, before.contributions.length);
      this.hiddenOlder = Math.max(0, view.contributions.length - shown);
    }
    this.view = view;
    if (this.ui.sessionId !== view.sessionId) {
      this.ui.sessionId = view.sessionId;
      saveUiState(this.ui, true);
    }
    if (this.ui.selectedMemberId && !view.members.some((m) => m.id === this.ui.selectedMemberId)) {
      this.ui.selectedMemberId = null;
    }
    if (phaseChanged && !this.focusSelector) this.focusSelector = '#retro-title';
    if (phaseChanged) this.edits.flush();
    // Settled against the whole retro only: a removal sent may be among the rows left out.
    if (this.edits.anyHidden() && omitted(view) === 0) this.edits.settle(new Set([...view.contributions.map((c) => c.id), ...view.notes.map((n) => n.id), ...view.actions.map((a) => a.id)]));
    // A long history must not delay the first interactive frame: show the newest rows now
    // and render the older ones in small tasks that leave room for input.
    if (!this.rendered) {
      this.hiddenOlder = omitted(view) + view.contributions.length > FIRST_ROWS ? view.contributions.length : 0;
      this.hiddenMembers = Math.max(0, view.members.length - FIRST_MEMBERS);
    }
    this.advanceRoundRobin(view);
    this.render();
    if (said.length > 0) this.announce(said.join(' '));
    if ((this.hiddenOlder > 0 || this.hiddenMembers > 0) && this.filling === undefined) this.filling = setTimeout(() => this.fillOlder(), 0);
    else if (history && this.hiddenOlder === 0 && this.hiddenMembers === 0) this.restoreScroll();
    this.askHistory();
  }

  /**
   * Once the first frame is up, a snapshot that left older contributions out makes the panel ask
   * for them (once: the host sends every contribution from then on, src/host/retroPanel.ts).
   */
  private askHistory(): void {
    if (!this.interactive || this.askedHistory || !this.view || omitted(this.view) === 0) return;
    this.askedHistory = true;
    postHistory();
  }

  /** Around everyone present, quietest first (the host's suggestion), one turn each. */
  private startRoundRobin(): void {
    const view = this.view;
    if (!view || view.readOnly || view.phase !== 'check-in') return;
    const present = view.members.filter((m) => m.present).map((m) => m.id);
    const first = view.suggestedNext && present.includes(view.suggestedNext) ? view.suggestedNext : present[0];
    if (!first) return;
    if (sendIntent({ kind: 'startTurn', memberId: first }).ok) {
      this.rr = { current: first, remaining: present.filter((id) => id !== first), sawTurn: false };
      const name = view.members.find((m) => m.id === first)?.name;
      this.announce(name === undefined ? l10n.t('Round-robin started.') : l10n.t('Round-robin started: {0} first.', name));
      this.render();
    }
  }

  private stopRoundRobin(): void {
    this.rr = null;
    this.render();
  }

  /** When a round-robin turn has ended, the next person present gets the turn. */
  private advanceRoundRobin(view: RetroView): void {
    const rr = this.rr;
    if (!rr) return;
    if (view.readOnly || view.phase !== 'check-in') {
      this.rr = null;
      return;
    }
    if (view.turn.memberId !== null) {
      rr.sawTurn = true;
      return;
    }
    if (!rr.sawTurn) return;
    const present = new Set(view.members.filter((m) => m.present).map((m) => m.id));
    const left = rr.remaining.filter((id) => present.has(id));
    if (left.length === 0) {
      this.rr = null;
      this.announce(l10n.t('Round-robin done: everyone present had a turn.'));
      // As after Record: the quietest is next, and the focus goes to the box once they have the turn.
      if (present.size > 0 && sendIntent({ kind: 'nextSpeaker' }).ok) {
        this.focusSelector = '#say';
        this.focusForced = true;
      }
      return;
    }
    const next = view.suggestedNext && left.includes(view.suggestedNext) ? view.suggestedNext : left[0];
    if (!sendIntent({ kind: 'startTurn', memberId: next }).ok) return;
    this.rr = { current: next, remaining: left.filter((id) => id !== next), sawTurn: false };
  }

  /**
   * Says `text` through the live region. Clearing first makes a repeated message be announced
   * again; what is said within one frame is said together, so nothing overwrites it unheard.
   */
  private announce(text: string): void {
    if (this.announcing.length === 0) {
      this.announcer.textContent = '';
      requestAnimationFrame(() => {
        this.announcer.textContent = this.announcing.join(' ');
        this.announcing = [];
      });
    }
    this.announcing.push(text);
  }

  /**
   * Contact with the extension host is lost (`reason`, the words the refused requests gave)
   * or back (null). When it is back, the errors that only said it was lost go: requests
   * work again.
   */
  setHostLost(reason: string | null): void {
    if (reason === null && this.hostLost !== null) {
      const said = this.hostLost;
      this.errors = this.errors.filter((e) => e !== said);
    }
    this.hostLost = reason;
    this.render();
  }

  showError(error: string): void {
    this.errors = [...this.errors, error].slice(-MAX_ERRORS);
    this.render();
  }

  render(): void {
    const view = this.view;
    // Only repair focus that this render took away, never grab it from nowhere.
    const hadFocus = !!document.activeElement && this.root.contains(document.activeElement);
    if (!view) {
      render(html`${errorBanner(this.errors, this.handlers.dismissError)}
        <p class="loading" role="status">${l10n.t('Waiting for the retro…')}</p>`, this.root);
      return;
    }
    render(panel(this.context(view), this.errors), this.root);
    const speaker = view.members.find((m) => m.id === view.turn.memberId);
    this.timer.update(view.turn.startedAt, view.turn.elapsedMs, view.softCapSeconds, speaker?.name ?? '');
    this.restoreFocus(hadFocus);
    this.keepFocusOffDisabled();
    this.keepFocusInPanel(hadFocus);
    if (!this.rendered) this.firstRender();
  }

  /**
   * The control that had the focus went away with this render (Start, once the round-robin
   * runs; the invitation's Give turn, once that person has the turn), and nothing asked for the focus: rather than
   * the page, the text box when someone has the turn, else the title.
   */
  private keepFocusInPanel(hadFocus: boolean): void {
    if (!hadFocus || this.focusSelector !== null) return;
    const el = document.activeElement;
    if (el && el !== document.body && this.root.contains(el)) return;
    const say = this.root.querySelector<HTMLElement>('#say:not([disabled])');
    if (say) {
      if (say instanceof LitElement) void say.updateComplete.then(() => say.focus());
      else say.focus();
      return;
    }
    this.root.querySelector<HTMLElement>('#retro-title')?.focus();
  }

  private fillOlder(): void {
    this.filling = undefined;
    this.hiddenMembers = 0;
    this.hiddenOlder = Math.max(0, this.hiddenOlder - CHUNK_ROWS);
    this.render();
    if (this.hiddenOlder > 0) this.filling = setTimeout(() => this.fillOlder(), 0);
    else if (this.view && omitted(this.view) === 0) this.restoreScroll();
  }

  private context(view: RetroView): ViewContext {
    const members = new Map<string, MemberView>();
    for (const m of view.members) members.set(m.id, m);
    const role = view.viewer?.role ?? 'facilitator';
    return {
      view, ui: this.ui, ro: view.readOnly, facilitator: role === 'facilitator', members,
      hiddenOlder: this.hiddenOlder, hiddenMembers: this.hiddenMembers, h: this.handlers,
      roundRobin: this.rr ? { current: this.rr.current, remaining: this.rr.remaining } : null,
      confirmingEnd: this.confirmingEnd && view.phase === 'close',
      edits: this.edits,
      hostLost: this.hostLost !== null,
    };
  }

  /**
   * A button this render disabled while it had focus (Go deeper at the deepest layer, Step back
   * at the first, New prompt at the last): Chromium would drop focus to the page a frame later,
   * and the keyboard user would have to find their place again. Focus moves to the next enabled
   * button beside it (else the one before), else to the text box, else to the title.
   */
  private keepFocusOffDisabled(): void {
    const el = document.activeElement;
    if (!(el instanceof HTMLButtonElement) || !el.disabled || !this.root.contains(el)) return;
    const group = el.closest('.row, [role="group"]') ?? el.parentElement;
    const enabled = Array.from(group?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? []);
    const after = enabled.find((b) => el.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    const say = this.root.querySelector<HTMLElement>('#say:not([disabled])');
    const target = after ?? enabled.at(-1) ?? say ?? this.root.querySelector<HTMLElement>('#retro-title');
    target?.focus();
  }

  private restoreFocus(hadFocus: boolean): void {
    const selector = this.focusSelector;
    const forced = this.focusForced;
    this.focusSelector = null;
    this.focusForced = false;
    const lostNow = !document.activeElement || document.activeElement === document.body;
    if (!selector || !(forced || (hadFocus && lostNow))) return;
    const target = this.root.querySelector<HTMLElement>(selector);
    // A forced move waits (a few renders) for its target to be enabled, e.g. the text box
    // once the host has given someone the turn.
    if (forced && (!target || target.hasAttribute('disabled')) && this.focusWaits++ < 5) {
      this.focusSelector = selector;
      this.focusForced = true;
      return;
    }
    this.focusWaits = 0;
    // A vscode-element applies its new state (enabled) to its inner control in a microtask.
    if (target instanceof LitElement) void target.updateComplete.then(() => target.focus());
    else target?.focus();
  }

  private firstRender(): void {
    this.rendered = true;
    void this.markInteractive();
    if (this.hiddenOlder === 0 && this.hiddenMembers === 0 && this.view && omitted(this.view) === 0) this.restoreScroll();
  }

  /**
   * Marks the first interactive frame, read by bench/webview.bench.ts (once per page). The
   * panel is usable only when the vscode-elements inside it have rendered their own shadow
   * DOM (they update in microtasks, after our render), so wait for them, then lay out once.
   * A long history was rendered without rows: if its list turns out to be in view, its newest
   * rows join this same frame (all of this runs before the first paint).
   */
  private async markInteractive(): Promise<void> {
    await settled(this.root);
    const list = this.view && this.hiddenOlder > 0 ? this.root.querySelector('.contrib-list') : null;
    if (list && this.view && inView(list)) {
      this.hiddenOlder = Math.min(this.hiddenOlder, Math.max(0, this.view.contributions.length - FIRST_ROWS));
      this.render();
      await settled(this.root);
    }
    void this.root.offsetHeight;
    performance.mark('reciprocity:interactive');
    this.interactive = true;
    // In a task of its own, so this frame is painted before the history's rows are handled.
    setTimeout(() => this.askHistory(), 0);
  }

  private restoreScroll(): void {
    if (this.ui.scrollY <= 0) return;
    const max = Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
    window.scrollTo(0, Math.min(this.ui.scrollY, max));
  }

  /** The removal was sent: its row goes, and focus on its Undo moves to a neighbour. */
  private afterUndoWindow(): void {
    const undo = document.getElementById('undo-remove');
    if (undo && document.activeElement === undo) {
      const li = undo.closest('li');
      const next = (li?.nextElementSibling ?? li?.previousElementSibling)?.querySelector<HTMLElement>('button[data-id]');
      this.focusSelector = next?.dataset.id ? `button[data-id="${CSS.escape(next.dataset.id)}"]` : '#retro-title';
      this.focusForced = true;
    }
    this.render();
  }

  private sendRemoval(kind: RemovalKind, id: string): boolean {
    const intent: Intent =
      kind === 'note' ? { kind: 'removeNote', noteId: id } : kind === 'action' ? { kind: 'removeAction', actionId: id } : { kind: 'removeContribution', contributionId: id };
    const result = sendIntent(intent);
    if (!result.ok) this.showError(result.error);
    return result.ok;
  }

  private restoreDraft(requestId: number | undefined): void {
    if (requestId === undefined) return;
    const lost = this.drafts.get(requestId);
    this.drafts.delete(requestId);
    if (lost && !this.ui.drafts[lost.key]) {
      this.ui.drafts[lost.key] = lost.text;
      saveUiState(this.ui, true);
    }
  }

  private port(): AppPort {
    return {
      view: () => this.view,
      ui: () => this.ui,
      saveUi: (immediate) => saveUiState(this.ui, immediate),
      send: (intent: Intent) => {
        const result = sendIntent(intent);
        if (result.ok) return result.requestId;
        this.showError(result.error);
        return null;
      },
      rememberDraft: (requestId, key, text) => this.drafts.set(requestId, { key, text }),
      seconds: () => this.timer.seconds(),
      rerender: () => this.render(),
      announce: (text) => this.announce(text),
      focusAfterRender: (selector, force = false) => {
        this.focusSelector = selector;
        this.focusForced = force;
      },
      team: (action) => postTeamAction(action),
      startRoundRobin: () => this.startRoundRobin(),
      roundRobinActive: () => this.rr !== null,
      confirmEnd: (on) => (this.confirmingEnd = on),
      edits: () => this.edits,
      stopRoundRobin: () => this.stopRoundRobin(),
      clearErrors: () => {
        this.errors = [];
        this.render();
      },
    };
  }
}

/** How many older contributions the host left out of this snapshot (a first one of a long retro). */
function omitted(view: RetroView): number {
  return view.omittedContributions ?? 0;
}

/**
 * Puts back the previous snapshot's object for every contribution that did not change, so
 * the list re-renders only new or changed rows (views/contributions.ts guards on identity).
 * Matched by position in the whole retro (a first snapshot's rows start after those it left
 * out), which holds while contributions are only appended.
 */
function reuseRows(beforeView: RetroView, afterView: RetroView): void {
  const before = beforeView.contributions;
  const after = afterView.contributions;
  // after[i] is the whole retro's row omitted(after) + i, which is before[i + shift].
  const shift = omitted(afterView) - omitted(beforeView);
  const from = Math.max(0, -shift);
  const to = Math.min(after.length, before.length - shift);
  for (let i = from; i < to; i++) {
    const old = before[i + shift];
    if (old.id === after[i].id && sameFields(old, after[i])) after[i] = old;
  }
}

function sameFields(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (x[k] !== y[k]) return false;
  return true;
}

/** Resolves once every vscode-element (LitElement) in `root` has applied its pending update. */
async function settled(root: HTMLElement): Promise<void> {
  const elements = Array.from(root.querySelectorAll('*')).filter((el): el is LitElement => el instanceof LitElement);
  await Promise.allSettled(elements.map((el) => el.updateComplete));
}

/** Laid out and starting above the bottom of the window (in a closed section it has no box). */
function inView(el: Element): boolean {
  const boxes = el.getClientRects();
  return boxes.length > 0 && boxes[0].top < window.innerHeight;
}
