import * as os from 'node:os';
import { log } from './log';
import * as vscode from 'vscode';
import { plainMessage } from './plainMessage';
import { decide, startSession } from '../domain/retro';
import { gateFromState } from '../domain/stages';
import { replay } from '../domain/session';
import { sessionFileFromEvents } from '../domain/persistence';
import { ACTIVE_CONTEXT_KEY } from './commandIds';
import { readConfig, readTeamConfig } from './config';
import { loadDecks } from './deckLoader';
import { Disposable } from './disposable';
import { RetroController } from './retroController';
import { RetroPanel, type RetroPanelHooks } from './retroPanel';
import { defaultTitle } from './retroListing';
import { askTitle, pickDeck, pickRoster } from './startPrompts';
import { SessionLock } from './sessionLock';
import type { OpenedSession, SessionStore } from './sessionStore';
import type { RetroStatusBar } from './statusBar';
import type { RetroSource } from './retroSource';
import type { SessionEvent } from '../domain/types';
import { joinLink, keepJoinCodeCurrent, parseJoinCode, serverLabel, type JoinInfo } from './team/joinCode';
import { loadSync, type SyncModule } from './team/syncModule';
import { type TeamRecords, type HostedRecord } from './team/teamRecords';
import { TeamRetro, worded } from './team/teamRetro';
import { showVersionProblem } from './team/versionProblem';
import type { TeamServer } from '../sync';
import { saidText } from '../wording';

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
    private readonly team: TeamRecords,
    private readonly extensionId: string,
  ) {
    super();
    this.register({ dispose: () => this.panels.forEach((p) => { p.panel.dispose(); }) });
  }

  get active(): RetroSource | undefined {
    return this.activeId ? this.panels.get(this.activeId)?.controller : undefined;
  }

  async start(): Promise<void> {
    const events = await this.newRetroEvents();
    if (!events) return;
    const file = await this.store.save(sessionFileFromEvents(events));
    this.changed.fire();
    await this.open({ file }, undefined);
  }

  /** Asks for the roster, the deck and the title; the opening events of a new retro, or undefined if cancelled. */
  private async newRetroEvents(): Promise<SessionEvent[] | undefined> {
    const config = readConfig();
    const folder = vscode.workspace.workspaceFolders?.[0];
    const members = await pickRoster(config.roster, this.memory.get<string[]>(LAST_ROSTER_KEY, []), folder?.uri.fsPath);
    if (!members) return undefined;
    // Remembered for next time, on this machine only.
    await this.memory.update(LAST_ROSTER_KEY, members.slice(0, 100));
    const { decks, errors } = await loadDecks();
    if (errors.length) void vscode.window.showWarningMessage(plainMessage(errors.length > 1 ? vscode.l10n.t('Reciprocity: {0} (and {1} more)', errors[0] ?? '', errors.length - 1) : vscode.l10n.t('Reciprocity: {0}', errors[0] ?? '')));
    const deck = await pickDeck(decks, config.defaultDeck);
    if (!deck) return undefined;
    const now = Date.now();
    const title = await askTitle(defaultTitle(now));
    if (title === undefined) return undefined;
    const teamId = folder?.name ?? 'team';
    return startSession({
      title,
      teamId,
      members,
      deck,
      settings: { turnSoftCapSeconds: config.turnSoftCapSeconds, maxTextLength: 2000 },
      now,
      newId: () => globalThis.crypto.randomUUID(),
      recentPromptIds: await this.recentPromptIds(teamId),
    });
  }

  // ---------------------------------------------------------------------------------
  // Team mode

  /**
   * Hosts a team retro: in this window's extension host (a server on 127.0.0.1 and a free
   * port, unless the settings say otherwise), or on the team's standalone server when
   * `reciprocity.team.serverUrl` is set. Shows the join code and link.
   */
  async host(): Promise<void> {
    const settings = readTeamConfig();
    const sync = loadSync(this.extensionUri);
    if (settings.serverUrl === '' && !(await this.confirmBind(settings.bindAddress, sync))) return;
    let facilitatorToken: string | undefined;
    if (settings.serverUrl !== '') {
      facilitatorToken = await this.serverToken(settings.serverUrl);
      if (!facilitatorToken) return;
    }
    const events = await this.newRetroEvents();
    if (!events) return;
    const file = sessionFileFromEvents(events);
    let server: TeamServer | undefined;
    let record: HostedRecord;
    let memberKey: string | undefined;
    if (settings.serverUrl === '') {
      facilitatorToken = sync.newToken();
      memberKey = sync.newToken();
      server = await this.startServer(sync, settings.port, settings.bindAddress, facilitatorToken, memberKey);
      record = { mode: 'embedded', title: file.title, port: server.port, bindAddress: settings.bindAddress, urls: advertisedUrls(server, settings.bindAddress, settings.advertisedUrl) };
    } else {
      record = { mode: 'server', title: file.title, port: 0, bindAddress: '', urls: [settings.serverUrl] };
    }
    const retro = new TeamRetro({
      sync, role: 'facilitator', urls: server ? [localUrl(server, settings.bindAddress)] : record.urls, retro: file.id,
      token: facilitatorToken!, balance: readConfig().balance, ...(server ? { hosting: server } : { mirrorTo: this.store }),
      onVersionProblem: this.onVersionProblem,
    });
    const seeded = await retro.client.seed(events);
    const memberToken = retro.client.memberToken;
    if (!seeded.ok || !memberToken) {
      const told = retro.versionProblem; // the team server speaks another protocol: already said, with the way to update
      retro.dispose();
      if (told) return;
      throw new Error(vscode.l10n.t('The team server did not open the retro: {0}', seeded.ok ? vscode.l10n.t('no member token came back') : worded(seeded)));
    }
    await this.team.saveHosted(file.id, record, { facilitator: facilitatorToken!, memberToken, ...(memberKey ? { memberKey } : {}) });
    this.withJoin(retro, record, file.id, memberToken);
    await retro.whenLoaded();
    this.changed.fire();
    this.openSource(retro, undefined);
    void this.offerJoinCode(retro);
  }

  /** Re-hosts a retro this window hosted before (after a reload, or from Past Retros). */
  private async rehost(id: string, record: HostedRecord, restored: vscode.WebviewPanel | undefined): Promise<void> {
    const secrets = await this.team.hostedSecrets(id);
    if (!secrets) throw new Error(vscode.l10n.t('The team tokens of this retro are not on this machine any more; it opens as a local retro instead.'));
    const sync = loadSync(this.extensionUri);
    let server: TeamServer | undefined;
    let url = record.urls[0];
    if (record.mode === 'embedded') {
      if (!secrets.memberKey) throw new Error(vscode.l10n.t('The team tokens of this retro are incomplete.'));
      try {
        server = await this.startServer(sync, record.port, record.bindAddress, secrets.facilitator, secrets.memberKey);
        url = localUrl(server, record.bindAddress);
      } catch (err) {
        // Another window of this workspace may host it already: take part as its facilitator.
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
        url = `ws://127.0.0.1:${record.port}`;
      }
    }
    const retro = new TeamRetro({
      sync, role: 'facilitator', urls: [url], retro: id, token: secrets.facilitator, balance: readConfig().balance,
      ...(server ? { hosting: server } : record.mode === 'server' ? { mirrorTo: this.store } : {}),
      onVersionProblem: this.onVersionProblem,
    });
    this.withJoin(retro, record, id, secrets.memberToken);
    try {
      await retro.whenLoaded();
    } catch (err) {
      const told = retro.versionProblem;
      retro.dispose();
      if (!told) throw err;
      restored?.dispose();
      return;
    }
    this.openSource(retro, restored);
  }

  private withJoin(retro: TeamRetro, record: HostedRecord, id: string, memberToken: string): void {
    retro.register(
      keepJoinCodeCurrent(
        retro,
        { urls: record.urls, retro: id, token: memberToken, title: record.title },
        (code) => joinLink(vscode.env.uriScheme, this.extensionId, code),
        (title) => void this.team.retitleHosted(id, title),
      ),
    );
  }

  /** Says why a host of another protocol refused this window, with the way to update Reciprocity. */
  private readonly onVersionProblem = (text: string): void => void showVersionProblem(text, this.extensionId);

  private async offerJoinCode(retro: TeamRetro): Promise<void> {
    const text = retro.hosting
      ? vscode.l10n.t('Your team retro is open on {0}. Members run "Reciprocity: Join Team Retro" with the join code, or open the link.', serverLabel(retro.hosting.url))
      : vscode.l10n.t('Your team retro is open on the team server. Members run "Reciprocity: Join Team Retro" with the join code, or open the link.');
    const copyCode = vscode.l10n.t('Copy Join Code');
    const copyLink = vscode.l10n.t('Copy Link');
    const pick = await vscode.window.showInformationMessage(text, copyCode, copyLink);
    if (pick === copyCode) await retro.teamAction('copyCode');
    if (pick === copyLink) await retro.teamAction('copyLink');
  }

  private async startServer(sync: SyncModule, port: number, bindAddress: string, facilitatorToken: string, memberKey: string): Promise<TeamServer> {
    return sync.startTeamServer({
      port,
      host: bindAddress,
      dataDir: this.store.folder,
      facilitatorToken,
      memberKey,
      // The user chose a wider address and confirmed the warning (confirmBind).
      insecure: !sync.isLoopback(bindAddress),
      // Members behind one tunnel or forwarded port all come from one address.
      throttle: { perMinute: 600, banMinutes: 1 },
      log: (line) => log.info(`team server: ${line}`),
    });
  }

  /** Binding beyond loopback is an explicit setting, and comes with a warning. */
  private async confirmBind(bindAddress: string, sync: SyncModule): Promise<boolean> {
    if (sync.isLoopback(bindAddress)) return true;
    const host = vscode.l10n.t('Host on the network');
    const go = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        "reciprocity.team.bindAddress is {0}: anyone who can reach this machine on that network can connect and read the retro's traffic, which is not encrypted. Members still need the join code. Host anyway?",
        bindAddress,
      ),
      { modal: true },
      host,
    );
    return go === host;
  }

  private async serverToken(url: string): Promise<string | undefined> {
    const known = await this.team.serverToken(url);
    if (known) return known;
    const token = await vscode.window.showInputBox({
      title: vscode.l10n.t('Facilitator token for {0}', serverLabel(url)),
      prompt: vscode.l10n.t("The token the team server printed when it started (RECIPROCITY_FACILITATOR_TOKEN). It is kept in VS Code's secret storage."),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (/^[A-Za-z0-9_-]{20,100}$/.test(v.trim()) ? null : vscode.l10n.t('A token is 20 to 100 letters, digits, - or _.')),
    });
    if (!token) return undefined;
    await this.team.storeServerToken(url, token.trim());
    return token.trim();
  }

  /**
   * Joins a team retro as a member, with a code or link (asked for when not given). A
   * link opened from outside VS Code is confirmed first: it decides where this editor connects.
   */
  async join(input?: string, fromLink = false): Promise<void> {
    let text = input;
    if (text === undefined) {
      text = await vscode.window.showInputBox({
        title: vscode.l10n.t('Join Team Retro'),
        prompt: vscode.l10n.t('Paste the join code or link the facilitator shared.'),
        placeHolder: 'rcp1.…',
        ignoreFocusOut: true,
        validateInput: (v) => {
          const parsed = parseJoinCode(v);
          return parsed.ok ? null : parsed.error;
        },
      });
      if (text === undefined) return;
    }
    const parsed = parseJoinCode(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const info = parsed.value;
    const existing = this.panels.get(info.retro);
    if (existing) return existing.reveal();
    if (fromLink) {
      const join = vscode.l10n.t('Join');
      const go = await vscode.window.showInformationMessage(
        vscode.l10n.t('Join the team retro "{0}" on {1}? Your answers go to that server.', info.title, serverLabel(info.urls[0])),
        { modal: true },
        join,
      );
      if (go !== join) return;
    }
    const remembered = this.team.joined(info.retro);
    const name = remembered?.name ?? (await this.askName());
    if (!name) return;
    await this.openJoined(info, text.trim(), name, undefined);
  }

  private async askName(): Promise<string | undefined> {
    const fallback = this.team.myName() ?? safeUserName();
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Join Team Retro'),
      prompt: vscode.l10n.t('Your name, as the team knows you. If the facilitator already put you on the roster, use that name.'),
      value: fallback,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('A name is needed.') : v.trim().length > 200 ? vscode.l10n.t('That name is too long.') : null),
    });
    return name?.trim() || undefined;
  }

  private async openJoined(info: JoinInfo, code: string, name: string, restored: vscode.WebviewPanel | undefined): Promise<void> {
    const sync = loadSync(this.extensionUri);
    const retro = new TeamRetro({ sync, role: 'member', urls: info.urls, retro: info.retro, token: info.token, balance: readConfig().balance, onVersionProblem: this.onVersionProblem });
    const secret = await this.team.seatSecret(info.retro);
    const seat = await Promise.race([
      retro.takeSeat(name, secret),
      new Promise<{ ok: false; error: string }>((resolve) => setTimeout(() => resolve({ ok: false, error: vscode.l10n.t("Could not reach the team server on {0}. Is the facilitator's retro still open?", serverLabel(info.urls[0])) }), 20_000)),
    ]);
    if (!seat.ok) {
      // The host speaks another protocol: the member was told, with the way to update, and
      // their seat (kept on this machine) is taken back once both sides match.
      const told = retro.versionProblem;
      retro.dispose();
      restored?.dispose();
      if (told) return;
      throw new Error(seat.error);
    }
    await this.team.saveJoined(info.retro, { code, name: seat.name, title: info.title }, seat.secret);
    await retro.whenLoaded();
    this.openSource(retro, restored);
  }

  async resume(id: string): Promise<void> {
    const existing = this.panels.get(id);
    if (existing) return existing.reveal();
    const hosted = this.team.hosted(id);
    if (hosted) return this.rehost(id, hosted, undefined);
    await this.open(await this.store.open(id), undefined);
  }

  /** Rebuilds a panel VS Code restored after a reload; the webview state names the retro. */
  async revive(panel: vscode.WebviewPanel, sessionId: string): Promise<void> {
    if (this.panels.has(sessionId)) {
      // Already open here: one controller per retro per window.
      panel.dispose();
      return this.panels.get(sessionId)?.reveal();
    }
    try {
      const hosted = this.team.hosted(sessionId);
      const joined = this.team.joined(sessionId);
      if (hosted) await this.rehost(sessionId, hosted, panel);
      else if (joined && !(await this.store.exists(sessionId))) {
        const info = parseJoinCode(joined.code);
        if (!info.ok) throw new Error(info.error);
        await this.openJoined(info.value, joined.code, joined.name, panel);
      } else await this.open(await this.store.open(sessionId), panel);
    } catch (err) {
      panel.dispose();
      throw err;
    }
  }

  /** The facilitator's join code of the active team retro, to the clipboard. */
  async copyJoinCode(): Promise<void> {
    const active = this.active;
    if (!(active instanceof TeamRetro) || !active.facilitates) throw new Error(vscode.l10n.t('No team retro you host is open in this window.'));
    await active.teamAction('copyCode');
  }

  showActive(): void {
    const id = this.activeId ?? [...this.panels.keys()].pop();
    if (id) this.panels.get(id)?.reveal();
    else void vscode.window.showInformationMessage(vscode.l10n.t('No retro is open. Start one, or resume one from Past Retros.'));
  }

  async endActive(): Promise<void> {
    const c = this.active;
    if (!c) throw new Error(vscode.l10n.t('No retro is open in this window.'));
    const result = await c.handle({ kind: 'endRetro' });
    if (!result.ok) throw new Error(result.error);
  }

  /**
   * Renames a retro, ended or not: through its panel's controller when it is open here,
   * otherwise in its file, as its facilitator, under the file's lock.
   */
  async rename(id: string, title: string): Promise<void> {
    const open = this.panels.get(id)?.controller;
    if (open) {
      const result = await open.handle({ kind: 'renameRetro', title });
      if (!result.ok) throw new Error(result.error);
      this.changed.fire();
      return;
    }
    if (this.team.hosted(id)) throw new Error(vscode.l10n.t('Resume this team retro to rename it: its server keeps the log.'));
    const lock = await SessionLock.acquire(this.store.pathFor(id), await this.windowToken());
    if (!lock.acquired) throw new Error(lock.readOnlyFolder ? lock.reason : vscode.l10n.t('This retro is open in {0}; rename it there.', lock.heldBy));
    try {
      const file = await this.store.load(id);
      const state = replay(file.events);
      const decision = decide(state, { kind: 'renameRetro', title }, {
        actor: state.facilitatorId ?? '', now: Date.now(), newId: () => globalThis.crypto.randomUUID(), gate: () => gateFromState(state), recentPromptIds: [],
      });
      if (!decision.ok) throw new Error(saidText(vscode.l10n, decision.said));
      const events = [...file.events, ...decision.events];
      if (decision.events.length) await this.store.save({ ...file, title: replay(events).title, events });
    } finally {
      await lock.lock.release();
    }
    this.changed.fire();
  }

  /** The title of a retro open in this window, or undefined. */
  titleOf(id: string): string | undefined {
    return this.panels.get(id)?.controller.state.title;
  }

  isOpen(id: string): boolean {
    return this.panels.has(id);
  }

  /** A team retro this window hosts (Past Retros says "team"). */
  isTeam(id: string): boolean {
    return this.team.hosted(id) !== undefined;
  }

  close(id: string): void {
    this.panels.get(id)?.panel.dispose();
  }

  /**
   * Opens a retro for editing when this window gets its lock; read-only, saying why, when
   * another window holds it, the folder cannot be written, or a newer version wrote it.
   */
  private async open({ file, readOnlyReason }: OpenedSession, restored: vscode.WebviewPanel | undefined): Promise<void> {
    const config = readConfig();
    const lock = readOnlyReason ? null : await SessionLock.acquire(this.store.pathFor(file.id), await this.windowToken());
    const reason = readOnlyReason ?? (lock && !lock.acquired ? lock.reason : undefined);
    const controller = new RetroController(file, this.store, config.balance, await this.recentPromptIds(file.teamId, file.id), lock?.acquired ? lock.lock : null, reason);
    this.openSource(controller, restored);
    if (reason) void vscode.window.showInformationMessage(plainMessage(reason));
  }

  private openSource(controller: RetroSource, restored: vscode.WebviewPanel | undefined): void {
    const file = { id: controller.id };
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
  private onLifecycleChange(controller: RetroSource): vscode.Disposable {
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

/** The address the facilitator's own client uses: loopback when the server listens there. */
function localUrl(server: TeamServer, bindAddress: string): string {
  return bindAddress === '0.0.0.0' || bindAddress === '::' ? `ws://127.0.0.1:${server.port}` : server.url;
}

/** What the join code names: the setting, the LAN addresses for a wildcard bind, or the server's own. */
function advertisedUrls(server: TeamServer, bindAddress: string, advertised: string): string[] {
  if (advertised !== '') return [advertised];
  if (bindAddress !== '0.0.0.0' && bindAddress !== '::') return [server.url];
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => `ws://${a.address}:${server.port}`);
  return lan.length ? lan.slice(0, 3) : [server.url];
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}
