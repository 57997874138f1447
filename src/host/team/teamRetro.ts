// A team retro as one window sees it: a read-only replica of the shared document (through
// a TeamClient), and requests to the authority. The facilitator's panel shows everyone,
// with nudges; a member's panel shows their own numbers only. Requests made offline
// wait in the client's queue, shown as "waiting to send", and apply once on reconnect.
import * as vscode from 'vscode';
import { plainMessage } from '../plainMessage';
import { log } from '../log';
import type { BalanceSettings, BalanceSnapshot } from '../../domain/balance';
import { sessionFileFromEvents } from '../../domain/persistence';
import { suggestNext } from '../../domain/turns';
import type { SessionEvent, SessionState } from '../../domain/types';
import type { Said } from '../../domain/said';
import { saidText } from '../../wording';
import type { Intent, RetroView, TeamAction } from '../../protocol';
import type { AuthorityResult, TeamClient, TeamServer } from '../../sync';
import { readConfig } from '../config';
import { Disposable } from '../disposable';
import type { IntentResult, RetroSource, ViewRequest } from '../retroSource';
import { buildRetroView } from '../retroView';
import type { SessionStore } from '../sessionStore';
import { serverLabel } from './joinCode';
import type { SyncModule } from './syncModule';
import { capShownInline, describeWaiting, memberMayRequest, memberOnlyView, ownDots } from './teamView';
import { isVersionProblem } from './versionProblem';

/** How long a request may wait for its answer before the panel treats it as queued. */
const ANSWER_WAIT_MS = 1500;
/** The server folds acknowledged events into the session file about a second later. */
const SAVED_AFTER_MS = 1500;

export interface TeamRetroOptions {
  sync: SyncModule;
  role: 'facilitator' | 'member';
  urls: string[];
  retro: string;
  token: string;
  balance: Partial<BalanceSettings>;
  /** The embedded server this window runs for the retro; closed with the panel. */
  hosting?: TeamServer;
  /** For the facilitator: what members join with. */
  join?: { code: string; link: string };
  /** A facilitator on a standalone server keeps a copy of the log in their own storage. */
  mirrorTo?: SessionStore;
  /** Called once when the host turns out to speak another protocol, with why in the display language. */
  onVersionProblem?: (text: string) => void;
}

export class TeamRetro extends Disposable implements RetroSource {
  readonly client: TeamClient;
  private memberId: string | null = null;
  private pendingFire: NodeJS.Timeout | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private seen = 0;
  /** This member's anonymous notes the authority holds: only this machine knows they are theirs. */
  private held: { column: string; text: string }[] = [];
  private revealsSeen = 0;
  private versionNoticed = false;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly saved = this.register(new vscode.EventEmitter<void>());
  readonly onDidSave = this.saved.event;

  constructor(private readonly o: TeamRetroOptions) {
    super();
    this.client = new o.sync.TeamClient({
      url: o.urls,
      retro: o.retro,
      token: o.token,
      balance: o.balance,
      onChange: (c) => {
        this.noticeVersion(c);
        this.schedule();
      },
    });
    if (o.role === 'facilitator') this.client.announce({ memberId: null, role: 'facilitator' });
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('reciprocity.nudges')) this.changed.fire();
      }),
    );
  }

  /** As a member: takes the seat (a name, or a seat held before with its secret). */
  async takeSeat(name: string, secret?: string): Promise<{ ok: true; secret: string; name: string } | { ok: false; error: string }> {
    const joined = await this.client.join(name, secret);
    if (!joined.ok) return { ok: false, error: worded(joined) };
    this.memberId = joined.memberId;
    this.client.announce({ memberId: joined.memberId, role: 'member' });
    this.changed.fire();
    return { ok: true, secret: joined.secret, name: joined.name };
  }

  get id(): string {
    return this.o.retro;
  }
  /** The host speaks another protocol: this window was refused, and told the person why. */
  get versionProblem(): boolean {
    return this.client.status === 'refused' && isVersionProblem(this.client.problemSaid);
  }

  /** At once, not on the next frame: a refused join disposes this retro right after. */
  private noticeVersion(c: TeamClient): void {
    if (this.versionNoticed || c.status !== 'refused' || !c.problemSaid || !isVersionProblem(c.problemSaid)) return;
    this.versionNoticed = true;
    this.o.onVersionProblem?.(saidText(vscode.l10n, c.problemSaid));
  }
  get state(): SessionState {
    return this.client.follower.replica.state;
  }
  get balance(): BalanceSnapshot {
    return this.client.follower.replica.balance;
  }
  get log(): readonly SessionEvent[] {
    return this.client.follower.events;
  }
  /** What members join with, once the authority gave the member token (the facilitator's only). */
  shareJoin(join: { code: string; link: string }): void {
    this.o.join = join;
    this.changed.fire();
  }
  get facilitates(): boolean {
    return this.o.role === 'facilitator';
  }
  get readOnly(): boolean {
    return this.state.endedAt !== null || this.client.status === 'refused';
  }
  get titleSuffix(): string {
    return this.o.role === 'facilitator' ? vscode.l10n.t(' (team)') : vscode.l10n.t(' (team member)');
  }
  get hosting(): TeamServer | undefined {
    return this.o.hosting;
  }
  /** Resolves once the retro's document has arrived (or rejects after `timeoutMs`). */
  whenLoaded(timeoutMs = 15_000): Promise<void> {
    return this.client.until((c) => c.follower.events.length > 0 || c.status === 'refused', timeoutMs).then(
      () => {
        if (this.client.status === 'refused') throw new Error(this.refusedWhy());
      },
      () => {
        throw new Error(vscode.l10n.t('The retro did not arrive from the team server within {0} s. Check that the server is running and reachable, then try again.', Math.round(timeoutMs / 1000)));
      },
    );
  }

  now(): number {
    return this.client.authorityNow();
  }

  view(options: ViewRequest = {}): RetroView {
    const state = this.state;
    const balance = this.balance;
    const status = this.client.status;
    const reason =
      status === 'refused'
        ? this.refusedWhy()
        : state.endedAt !== null
          ? vscode.l10n.t('This retro has ended.')
          : undefined;
    const base = buildRetroView(state, balance, {
      ...options,
      readOnly: this.readOnly,
      ...(reason ? { readOnlyReason: reason } : {}),
      showNudges: this.facilitates && readConfig().nudges !== 'off',
      dismissedNudges: new Set(state.dismissedNudges),
      suggestedNext: suggestNext(state, balance.suggestedOrder),
      now: this.now(),
    });
    const here = this.client.here();
    const view: RetroView =
      this.o.role === 'member'
        ? memberOnlyView(base, this.memberId ?? '')
        : { ...base, viewer: { role: 'facilitator', memberId: null } };
    view.team = {
      status,
      problem: this.problem(),
      server: serverLabel(this.o.urls[0] ?? ''),
      hosting: this.o.hosting !== undefined,
      ...(this.o.join ? { joinCode: this.o.join.code } : {}),
      here: here.memberIds,
      facilitatorHere: here.facilitator || this.o.role === 'facilitator',
      waiting: this.client.queued().map(describeWaiting),
      ...(this.o.role === 'member' && this.held.length > 0 ? { held: this.currentHeld() } : {}),
    };
    const myVotes = ownDots(this.o.role, state.anonymous, this.client.myVotes);
    if (myVotes) view.team.myVotes = myVotes;
    return view;
  }

  async handle(intent: Intent): Promise<IntentResult> {
    if (this.client.status === 'refused') return { ok: false, error: this.refusedWhy() };
    if (this.o.role === 'member') {
      if (this.memberId === null) return { ok: false, error: vscode.l10n.t('You have not joined yet.') };
      const own =
        intent.kind === 'removeContribution' || intent.kind === 'editContribution'
          ? this.state.contributions.find((c) => c.id === intent.contributionId)?.memberId === this.memberId
          : intent.kind === 'editNote' || intent.kind === 'removeNote'
            ? this.state.notes.find((n) => n.id === intent.noteId)?.memberId === this.memberId
            : memberMayRequest(intent, this.memberId);
      if (!own) return { ok: false, error: vscode.l10n.t('In a team retro you answer, vote and check out for yourself; the facilitator does the rest.') };
    }
    const answer = this.client.request(intent).then((r): IntentResult => {
      const known = !this.state.anonymous || this.client.myVotes !== null;
      return this.o.role === 'member' && capShownInline(intent, r, known) ? { ok: true } : inDisplayLanguage(r);
    });
    if (intent.kind === 'addNote' && this.state.anonymous && this.o.role === 'member') {
      void answer.then((r) => {
        if (!r.ok) return;
        this.held.push({ column: intent.column, text: intent.text });
        this.revealsSeen = this.reveals();
        this.changed.fire();
      });
    }
    const waited = await Promise.race([answer, delay(ANSWER_WAIT_MS).then(() => null)]);
    if (waited !== null) return waited;
    // Not answered yet (offline, or a slow server): it stays queued and is shown as waiting.
    void answer.then((late) => {
      if (!late.ok) void vscode.window.showErrorMessage(plainMessage(vscode.l10n.t('Reciprocity: a change made while offline was refused: {0}', late.error)));
    });
    return { ok: true };
  }

  /** The connection's problem in the display language (the English when it came as text only). */
  private problem(): string | null {
    const said = this.client.problemSaid;
    return said ? saidText(vscode.l10n, said) : this.client.problem;
  }

  private refusedWhy(): string {
    return this.problem() ?? vscode.l10n.t('The team server refused this connection.');
  }

  private reveals(): number {
    return this.client.follower.events.filter((e) => e.type === 'notes.revealed').length;
  }

  /** Held notes until a reveal appears in the log: then they are on the board, without a name. */
  private currentHeld(): { column: string; text: string }[] {
    if (this.held.length > 0 && this.reveals() > this.revealsSeen) this.held = [];
    return this.held;
  }

  async teamAction(action: TeamAction): Promise<void> {
    const join = this.o.join;
    if (!join) throw new Error(vscode.l10n.t('Only the facilitator has a join code to share.'));
    await vscode.env.clipboard.writeText(action === 'copyLink' ? join.link : join.code);
    void vscode.window.showInformationMessage(action === 'copyLink' ? vscode.l10n.t('Join link copied. Send it to the team.') : vscode.l10n.t('Join code copied. Members paste it into "Reciprocity: Join Team Retro".'));
  }

  /** Many document changes arrive together (a sync, a batch): one view update per frame. */
  private schedule(): void {
    if (this.pendingFire !== undefined || this.isDisposed) return;
    this.pendingFire = setTimeout(() => {
      this.pendingFire = undefined;
      if (this.isDisposed) return;
      this.changed.fire();
      this.noteSaved();
    }, 16);
  }

  /** The facilitator's storage follows the document: the server's file, or our mirror of it. */
  private noteSaved(): void {
    if (this.o.role !== 'facilitator') return;
    const events = this.client.follower.events;
    if (events.length === this.seen) return;
    this.seen = events.length;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      const mirror = this.o.mirrorTo;
      if (!mirror) return this.saved.fire();
      mirror.save(sessionFileFromEvents(this.client.follower.events)).then(
        () => this.saved.fire(),
        (err: unknown) => log.warn('could not keep a copy of the team retro', err),
      );
    }, SAVED_AFTER_MS);
  }

  override dispose(): void {
    clearTimeout(this.pendingFire);
    clearTimeout(this.saveTimer);
    this.client.destroy();
    void this.o.hosting?.close();
    super.dispose();
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A refusal in the display language: what the authority said, or its English when it said no more. */
export function worded(r: { error: string; said?: Said }): string {
  return r.said ? saidText(vscode.l10n, r.said) : r.error;
}

/** The authority's answer as the panel shows it: refusals and notices in the display language. */
export function inDisplayLanguage(r: AuthorityResult): IntentResult {
  if (!r.ok) return { ok: false, error: worded(r) };
  const notices = r.noticesSaid ? r.noticesSaid.map((s) => saidText(vscode.l10n, s)) : r.notices;
  return notices?.length ? { ok: true, notices } : { ok: true };
}
