import * as vscode from 'vscode';
import { hasPassedAt } from '../domain/answered';
import { depthName, gateText, nudgeText, phaseName } from '../wording';
import { Commands } from './commandIds';
import { readConfig } from './config';
import { Disposable } from './disposable';
import { plainLabel } from './plainLabel';
import type { RetroSource } from './retroSource';

/** "phase · depth · timer" while a retro runs, plus a quiet hint when there is a nudge. */
export class RetroStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('reciprocity.status', vscode.StatusBarAlignment.Left, 50));
  private readonly hint = this.register(vscode.window.createStatusBarItem('reciprocity.nudge', vscode.StatusBarAlignment.Left, 49));
  private controller: RetroSource | undefined;
  private controllerSub: vscode.Disposable | undefined;
  /** Runs only while a turn is timed: an idle status bar costs nothing. */
  private ticker: ReturnType<typeof setInterval> | undefined;
  private nudgesHere = readConfig().nudges === 'panelAndStatusBar';

  constructor() {
    super();
    this.item.name = vscode.l10n.t('Reciprocity retro');
    this.item.command = Commands.showRetro;
    this.hint.name = vscode.l10n.t('Reciprocity nudge');
    this.hint.command = Commands.showRetro;
    this.register({ dispose: () => this.tick(false) });
    this.register({ dispose: () => { this.controllerSub?.dispose(); } });
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('reciprocity.nudges')) return;
        this.nudgesHere = readConfig().nudges === 'panelAndStatusBar';
        this.render();
      }),
    );
  }

  show(controller: RetroSource | undefined): void {
    this.controllerSub?.dispose();
    this.controller = controller;
    this.controllerSub = controller?.onDidChange(() => this.render());
    this.render();
  }

  private tick(on: boolean): void {
    if (on && !this.ticker) {
      this.ticker = setInterval(() => this.render(), 1000);
    } else if (!on && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  private render(): void {
    const c = this.isDisposed ? undefined : this.controller;
    this.tick(!!c?.state.turn.startedAt);
    if (!c) {
      this.item.hide();
      this.hint.hide();
      return;
    }
    const s = c.state;
    const parts = [phaseName(vscode.l10n, s.phase)];
    if (s.phase === 'check-in') parts.push(vscode.l10n.t('Layer {0} {1}', s.depth, depthName(vscode.l10n, s.depth)));
    // The turn was started on the clock that times it (the authority's, in team mode).
    const now = c.now();
    const timer = s.turn.startedAt ? formatTimer(now - s.turn.startedAt) : null;
    if (timer) parts.push(timer);
    this.item.text = `$(organization) ${plainLabel(parts.join(' · '))}`;
    // Passed at this depth without answering, among those present: as the gate counts them.
    const present = new Set(s.members.filter((m) => m.present).map((m) => m.id));
    const passed = c.balance.members.filter((m) => present.has(m.memberId) && hasPassedAt(m.disclosures, m.passesByDepth, s.depth)).length;
    this.item.tooltip = `${s.title} — ${gateText(vscode.l10n, c.balance.gate, passed)}`;
    const overCap = s.turn.startedAt && s.settings.turnSoftCapSeconds > 0 && now - s.turn.startedAt > s.settings.turnSoftCapSeconds * 1000;
    this.item.backgroundColor = overCap ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    // Nudges are about turns and depth: they belong to the check-in (as in the panel).
    const nudge = this.nudgesHere && c.facilitates && s.phase === 'check-in' ? c.balance.nudges[0] : undefined;
    if (nudge && !c.readOnly) {
      this.hint.text = `$(lightbulb) ${plainLabel(nudgeText(vscode.l10n, nudge, (id) => s.members.find((m) => m.id === id)?.name))}`;
      this.hint.tooltip = vscode.l10n.t('A nudge for the facilitator. Open the retro panel to see all nudges.');
      this.hint.show();
    } else {
      this.hint.hide();
    }
  }
}

export function formatTimer(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const sec = total % 60;
  return `${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}
