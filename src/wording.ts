// Words the panels, the status bar and the summary share, in the display language. The domain
// says what happened (a nudge's kind, the gate's numbers, a phase); these functions word it
// through the l10n they are given: `vscode.l10n` in the extension host, `@vscode/l10n` (loaded
// with the host's bundle) in the webviews. The domain's own English (PHASE_NAMES, NUDGE_TEXT,
// gate.reason) stays what the CLI and the exports print, and the fallback for what this build
// does not know.
import type { Depth, Phase } from './domain/types';
// Type-only, erased from both bundles: it tells `npm run l10n` (vscode-l10n-dev finds the
// l10n.t calls of files that import an l10n module) to export the strings below. Each
// function's `l10n` parameter is the real one.
import type * as l10n from '@vscode/l10n';

/** `vscode.l10n` and `@vscode/l10n` (WebviewL10n) both fit. */
export interface L10n {
  t(message: string, ...args: Array<string | number | boolean>): string;
}
export type WebviewL10n = typeof l10n;

export function phaseName(l10n: L10n, phase: Phase): string {
  switch (phase) {
    case 'check-in':
      return l10n.t('Set the stage');
    case 'gather':
      return l10n.t('Gather data');
    case 'insights':
      return l10n.t('Generate insights');
    case 'decide':
      return l10n.t('Decide what to do');
    case 'close':
      return l10n.t('Close');
    case 'ended':
      return l10n.t('Ended');
  }
}

export function depthName(l10n: L10n, depth: Depth): string {
  switch (depth) {
    case 1:
      return l10n.t('Orientation');
    case 2:
      return l10n.t('Exploratory');
    case 3:
      return l10n.t('Affective');
    case 4:
      return l10n.t('Stable');
  }
}

/** A nudge as the facilitator reads it; `nameOf` gives the invited member's name, if known. */
export function nudgeText(
  l10n: L10n,
  n: { kind: string; text: string; memberId?: string | null },
  nameOf: (id: string) => string | undefined,
): string {
  switch (n.kind) {
    case 'round-robin':
      return l10n.t('Try a round-robin');
    case 'hold-depth':
      return l10n.t('Hold this depth for now');
    case 'slow-down':
      return l10n.t('Slow down — let everyone answer at this depth');
    case 'invite': {
      const name = n.memberId ? nameOf(n.memberId) : undefined;
      return name === undefined ? n.text : l10n.t('Invite {0} — quiet so far', name);
    }
    default:
      return n.text;
  }
}

/**
 * The gate's count ("2 of 4 have answered at this depth"). `passed` is how many present
 * members passed at this depth without answering, or null when the caller cannot tell (then
 * the domain's English reason is shown).
 */
export function gateText(l10n: L10n, gate: { present: number; reciprocated: number; reason: string }, passed: number | null): string {
  if (gate.present === 0) return l10n.t('No one is here yet');
  if (passed === null) return gate.reason;
  return passed > 0
    ? l10n.t('{0} of {1} have answered at this depth ({2} passed)', gate.reciprocated, gate.present, passed)
    : l10n.t('{0} of {1} have answered at this depth', gate.reciprocated, gate.present);
}
