import * as vscode from 'vscode';
import { startSession } from '../domain/retro';
import { replay } from '../domain/session';
import type { SessionFile } from '../domain/types';
import { sessionFileFromEvents } from '../domain/persistence';
import { ACTIVE_CONTEXT_KEY } from './commandIds';
import { readConfig } from './config';
import { loadDecks } from './deckLoader';
import { Disposable } from './disposable';
import { RetroController } from './retroController';
import { RetroPanel, type RetroPanelHooks } from './retroPanel';
import { pickDeck, pickRoster } from './startPrompts';
import { SessionLock } from './sessionLock';
import type { SessionStore } from './sessionStore';
import type { RetroStatusBar } from './statusBar';

const RECENT_RETROS_FOR_PROMPTS = 3;
const LAST_ROSTER_KEY = 'reciprocity.lastRoster';
const WINDOW_TOKEN_KEY = 'reciprocity.windowToken';

/** Opens, resumes and restores retros; one controller and panel per retro in this window. */
export class RetroSessions extends Disposable {
  private readonly panels = new Map<string, RetroPanel>();
  private activeId: string | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when a retro is created, changes phase or is closed, so the tree view can refresh. */
  readonly onDidChange = this.changed.event;
  private readonly saved = this.register(new vscode.EventEmitter<string>());
  /** Fires with a retro's id after each save, so an open summary of it can follow along. */
  readonly onDidSave = this.saved.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: SessionStore,
    private readonly statusBar: RetroStatusBar,
    private readonly hooks: RetroPanelHooks,
    private readonly memory: vscode.Memento,
  ) {
    super();
    this.register({ dispose: () => this.panels.forEach((p) => { p.panel.dispose(); }) });
  }

  get active(): RetroController | undefined {
    return this.activeId ? this.panels.get(this.activeId)?.controller : undefined;
  }

  async start(): Promise<void> {
    const config = readConfig();
    const folder = vscode.workspace.workspaceFolders?.[0];
    const members = await pickRoster(config.roster, this.memory.get<string[]>(LAST_ROSTER_KEY, []), folder?.uri.fsPath);
    if (!members) return;
    // Remembered for next time, on this machine only.
    await this.memory.update(LAST_ROSTER_KEY, members.slice(0, 100));
    const { decks, errors } = await loadDecks();
    if (errors.length) void vscode.window.showWarningMessage(`Reciprocity: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`);
    const deck = await pickDeck(decks, config.defaultDeck);
    if (!deck) return;
    const teamId = folder?.name ?? 'team';
    const now = Date.now();
    const events = startSession({
      title: `Retro ${new Date(now).toISOString().slice(0, 10)}`,
      teamId,
      members,
      deck,
      settings: { turnSoftCapSeconds: config.turnSoftCapSeconds, maxTextLength: 2000 },
      now,
      newId: () => globalThis.crypto.randomUUID(),
      recentPromptIds: await this.recentPromptIds(teamId),
    });
    const file = await this.store.save(sessionFileFromEvents(events));
    this.changed.fire();
    await this.open(file, undefined);
  }

  async resume(id: string): Promise<void> {
    const existing = this.panels.get(id);
    if (existing) return existing.reveal();
    await this.open(await this.store.load(id), undefined);
  }

  /** Rebuilds a panel VS Code restored after a reload; the webview state names the retro. */
  async revive(panel: vscode.WebviewPanel, sessionId: string): Promise<void> {
    if (this.panels.has(sessionId)) {
      // Already open here: one controller per retro per window.
      panel.dispose();
      return this.panels.get(sessionId)?.reveal();
    }
    try {
      await this.open(await this.store.load(sessionId), panel);
    } catch (err) {
      panel.dispose();
      throw err;
    }
  }

  showActive(): void {
    const id = this.activeId ?? [...this.panels.keys()].pop();
    if (id) this.panels.get(id)?.reveal();
    else void vscode.window.showInformationMessage('No retro is open. Start one, or resume one from Past Retros.');
  }

  async endActive(): Promise<void> {
    const c = this.active;
    if (!c) throw new Error('No retro is open in this window.');
    const result = await c.handle({ kind: 'endRetro' });
    if (!result.ok) throw new Error(result.error);
  }

  isOpen(id: string): boolean {
    return this.panels.has(id);
  }

  close(id: string): void {
    this.panels.get(id)?.panel.dispose();
  }

  private async open(file: SessionFile, restored: vscode.WebviewPanel | undefined): Promise<void> {
    const config = readConfig();
    const lock = await SessionLock.acquire(this.store.pathFor(file.id), await this.windowToken());
    const reason = lock.acquired ? undefined : `This retro is open for editing in ${lock.heldBy}. You are seeing it read-only; it updates as the other window saves.`;
    const controller = new RetroController(file, this.store, config.balance, await this.recentPromptIds(file.teamId, file.id), lock.acquired ? lock.lock : null, reason);
    const panel = restored
      ? new RetroPanel(restored, this.extensionUri, controller, this.hooks)
      : RetroPanel.create(this.extensionUri, controller, this.hooks);
    this.panels.set(file.id, panel);
    this.activeId = file.id;
    void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT_KEY, true);
    this.statusBar.show(controller);
    panel.register(controller);
    panel.register(panel.panel.onDidChangeViewState((e) => e.webviewPanel.active && this.focus(file.id)));
    panel.register(this.onLifecycleChange(controller));
    panel.register(controller.onDidSave(() => this.saved.fire(file.id)));
    panel.onDidClose(() => this.forget(file.id));
    if (reason) void vscode.window.showInformationMessage(reason);
  }

  /**
   * Who holds a lock: this window, across reloads. vscode.env.sessionId cannot serve, as it
   * is a constant when telemetry is off; workspace state is per window and survives a reload,
   * so a reloaded window gets its own lock back while a second window stays read-only.
   */
  private async windowToken(): Promise<string> {
    const existing = this.memory.get<string>(WINDOW_TOKEN_KEY);
    if (existing) return existing;
    const token = globalThis.crypto.randomUUID();
    await this.memory.update(WINDOW_TOKEN_KEY, token);
    return token;
  }

  /**
   * The tree shows each retro's phase; refresh it when that changes (not on every
   * contribution), once the change is on disk where the tree reads it.
   */
  private onLifecycleChange(controller: RetroController): vscode.Disposable {
    let last = `${controller.state.phase}|${controller.state.endedAt}`;
    return controller.onDidSave(() => {
      const now = `${controller.state.phase}|${controller.state.endedAt}`;
      if (now === last) return;
      last = now;
      this.changed.fire();
    });
  }

  private focus(id: string): void {
    this.activeId = id;
    this.statusBar.show(this.panels.get(id)?.controller);
  }

  private forget(id: string): void {
    this.panels.delete(id);
    if (this.activeId === id) this.activeId = [...this.panels.keys()].pop();
    this.statusBar.show(this.active);
    void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT_KEY, this.panels.size > 0);
    this.changed.fire();
  }

  /** Prompts the team saw in its last few retros, so a new retro does not repeat them. */
  private async recentPromptIds(teamId: string, exceptId?: string): Promise<string[]> {
    const { sessions } = await this.store.list();
    return sessions
      .filter((s) => s.file.teamId === teamId && s.file.id !== exceptId)
      .slice(0, RECENT_RETROS_FOR_PROMPTS)
      .flatMap((s) => replay(s.file.events).shownPromptIds);
  }
}
