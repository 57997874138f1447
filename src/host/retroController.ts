import * as vscode from 'vscode';
import { log } from './log';
import type { BalanceSettings, BalanceSnapshot } from '../domain/balance';
import { mergeLogs } from '../domain/merge';
import { SessionReplica } from '../domain/replica';
import { decide } from '../domain/retro';
import { suggestNext } from '../domain/turns';
import type { SessionEvent, SessionFile, SessionState } from '../domain/types';
import type { Intent, RetroView } from '../protocol';
import { readConfig } from './config';
import { Disposable } from './disposable';
import { buildRetroView } from './retroView';
import type { SessionLock } from './sessionLock';
import { NewerVersionError, type SessionStore } from './sessionStore';
import type { IntentResult, RetroSource, ViewRequest } from './retroSource';
import { saidText } from '../wording';
import { errorText } from './errorText';

export type { IntentResult } from './retroSource';

/**
 * The host owns the session: it turns intents into events, folds them into state and
 * the balance engine, and saves after every change. Saves are serialised so two quick
 * intents never race each other to the disk.
 */
export class RetroController extends Disposable implements RetroSource {
  /** How long after a failed save the next try starts. Only tests change it (to wait less). */
  static saveRetryMs = 3000;
  private events: SessionEvent[];
  private replica: SessionReplica;
  private saving: Promise<void> = Promise.resolve();
  private retry: NodeJS.Timeout | undefined;
  private readonly dismissed = new Set<string>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly saved = this.register(new vscode.EventEmitter<void>());
  /** Fires once a change is on disk, for readers of the files such as the Past Retros tree. */
  readonly onDidSave = this.saved.event;

  constructor(
    private file: SessionFile,
    private readonly store: SessionStore,
    private balanceSettings: Partial<BalanceSettings>,
    private readonly recentPromptIds: readonly string[],
    private lock: SessionLock | null,
    private readOnlyReason?: string,
  ) {
    super();
    this.events = [...file.events];
    this.replica = new SessionReplica(this.events, balanceSettings);
    if (!lock) this.watchForOtherWriter();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('reciprocity.balance')) this.rebuildBalance(readConfig().balance);
        else if (e.affectsConfiguration('reciprocity.nudges')) this.changed.fire();
      }),
    );
  }

  get id(): string {
    return this.file.id;
  }
  get state(): SessionState {
    return this.replica.state;
  }
  get balance(): BalanceSnapshot {
    return this.replica.balance;
  }
  /** Who this window acts as. On one machine the host records as the facilitator. */
  get actor(): string {
    return this.state.facilitatorId ?? 'facilitator';
  }
  get readOnly(): boolean {
    return this.lock === null;
  }
  readonly facilitates = true;
  get titleSuffix(): string {
    return this.readOnly ? vscode.l10n.t(' (read-only)') : '';
  }
  now(): number {
    return Date.now();
  }
  get log(): readonly SessionEvent[] {
    return this.events;
  }

  view(options: ViewRequest = {}): RetroView {
    const state = this.state;
    const balance = this.balance;
    return buildRetroView(state, balance, {
      ...options,
      readOnly: this.readOnly,
      showNudges: readConfig().nudges !== 'off',
      ...(this.readOnlyReason ? { readOnlyReason: this.readOnlyReason } : {}),
      dismissedNudges: new Set([...state.dismissedNudges, ...this.dismissed]),
      suggestedNext: suggestNext(state, balance.suggestedOrder),
    });
  }

  async handle(intent: Intent): Promise<IntentResult> {
    if (intent.kind === 'dismissNudge' && this.readOnly) {
      // A read-only window cannot write the dismissal to the log; it hides the nudge here.
      this.dismissed.add(intent.nudgeId);
      this.changed.fire();
      return { ok: true };
    }
    if (this.readOnly) return { ok: false, error: this.readOnlyReason ?? vscode.l10n.t('This retro is read-only here.') };
    const decision = decide(this.state, intent, {
      actor: this.actor,
      now: Date.now(),
      newId: () => globalThis.crypto.randomUUID(),
      gate: () => this.balance.gate,
      recentPromptIds: this.recentPromptIds,
      preference: this.balance.suggestedOrder,
    });
    // The domain says why (or what to note) as data; the person reads it in the display language.
    if (!decision.ok) return { ok: false, error: saidText(vscode.l10n, decision.said) };
    this.append(decision.events);
    const notices = decision.noticesSaid?.length ? { notices: decision.noticesSaid.map((s) => saidText(vscode.l10n, s)) } : {};
    try {
      await this.save();
    } catch (err) {
      // The change stays in memory and goes to disk with the next save (the whole log is
      // written each time), so the request succeeded; only the save needs reporting.
      log.warn(`could not save ${this.id}`, err); // Node's own text, for diagnosis
      return { ok: true, ...notices, saveError: errorText(err) };
    }
    return { ok: true, ...notices };
  }

  private append(events: readonly SessionEvent[]): void {
    if (events.length === 0) return;
    for (const e of events) {
      this.events.push(e);
      this.replica.apply(e);
    }
    this.changed.fire();
  }

  /** Saves now; resolves when this save (and any before it) reached the disk. */
  save(): Promise<void> {
    const run = async () => {
      clearTimeout(this.retry);
      this.retry = undefined;
      try {
        // The header's title follows a rename, for anyone reading the file itself.
        const saved = await this.store.save({ ...this.file, title: this.state.title, events: this.events });
        this.adoptIfNew(saved);
        this.saved.fire();
      } catch (err) {
        if (err instanceof NewerVersionError) {
          // A newer version wrote the file meanwhile: never downgrade it; stop writing here.
          this.becomeReadOnly(err.message);
        } else if (!this.isDisposed && (err as NodeJS.ErrnoException).code !== undefined) {
          // Unsaved changes live only in memory: keep trying, so a passing problem (a full
          // disk, a folder briefly gone) does not cost them when the window closes later.
          // Other errors (a value that cannot be written) would fail the same way again.
          this.retry = setTimeout(() => void this.save().catch(() => undefined), RetroController.saveRetryMs);
        }
        throw err;
      }
    };
    this.saving = this.saving.then(run, run);
    return this.saving;
  }

  /**
   * Adopts another writer's events when `file` holds any this window lacks. Events this
   * window appended meanwhile (while a save was on its way) follow them, never dropped.
   */
  private adoptIfNew(file: SessionFile): void {
    const ours = new Set(this.events.map((e) => e.id));
    if (!file.events.some((e) => !ours.has(e.id))) return;
    this.adopt({ ...file, events: [...mergeLogs(file.events, this.events)] });
  }

  /** Another writer's events were merged in: rebuild from the merged log. */
  private adopt(file: SessionFile): void {
    this.file = file;
    this.events = [...file.events];
    this.rebuildBalance(this.balanceSettings);
  }

  /** Thresholds changed in settings, or the log was replaced: the flags follow at once. */
  private rebuildBalance(settings: Partial<BalanceSettings>): void {
    this.balanceSettings = settings;
    this.replica = new SessionReplica(this.events, settings);
    this.changed.fire();
  }

  private watchForOtherWriter(): void {
    const p = this.store.pathFor(this.file.id);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(this.store.folder), `${this.file.id}.json`));
    const reload = async () => {
      try {
        const fresh = await this.store.load(this.file.id);
        this.adoptIfNew(fresh);
      } catch (err) {
        log.warn(`could not refresh ${p}`, err);
      }
    };
    this.register(watcher);
    this.register(watcher.onDidChange(reload));
    this.register(watcher.onDidCreate(reload));
  }

  private becomeReadOnly(reason: string): void {
    const lock = this.lock;
    this.lock = null;
    this.readOnlyReason = reason;
    void lock?.release();
    this.changed.fire();
  }

  override dispose(): void {
    clearTimeout(this.retry);
    const release = () => this.lock?.release();
    void this.saving.then(release, release);
    super.dispose();
  }
}
