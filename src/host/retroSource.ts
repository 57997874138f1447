import type * as vscode from 'vscode';
import type { BalanceSnapshot } from '../domain/balance';
import type { SessionEvent, SessionState } from '../domain/types';
import type { Intent, RetroView, TeamAction } from '../protocol';

export interface ViewRequest {
  newestContributions?: number;
}

export type IntentResult =
  | { ok: true; notices?: readonly string[]; saveError?: string }
  | { ok: false; error: string };

/**
 * What a retro panel and the status bar need from the retro they show: a local retro
 * (RetroController, one machine) or a team retro (TeamRetro, through a team server).
 */
export interface RetroSource extends vscode.Disposable {
  readonly id: string;
  readonly state: SessionState;
  readonly balance: BalanceSnapshot;
  /** The events as this window holds them (the summary of an open retro reads them). */
  readonly log: readonly SessionEvent[];
  readonly readOnly: boolean;
  /** False for a member's panel: nudges and flags are the facilitator's. */
  readonly facilitates: boolean;
  /** The tab title's suffix, e.g. " (read-only)" or " (team)". */
  readonly titleSuffix: string;
  /** Milliseconds on the clock that times turns (the authority's in team mode). */
  now(): number;
  /**
   * The panel's snapshot. With `newestContributions`, only that many of the newest
   * contributions and the number left out (the first snapshot after `ready`).
   */
  view(options?: ViewRequest): RetroView;
  handle(intent: Intent): Promise<IntentResult>;
  /** Team actions from the panel (copy the join code); a local retro has none. */
  teamAction?(action: TeamAction): Promise<void>;
  readonly onDidChange: vscode.Event<void>;
  /** Fires once a change is on disk, for readers of the files such as the Past Retros tree. */
  readonly onDidSave: vscode.Event<void>;
}
