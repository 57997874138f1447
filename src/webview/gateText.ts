// The gate's count ("2 of 4 have answered at this depth") in the display language, from the
// numbers in the view. The domain's `gate.reason` is the English the CLI and status bar share,
// and the fallback when the view does not hold every present member (a member's own view).
import * as l10n from '@vscode/l10n';
import type { RetroView } from '../protocol';

export function gateText(view: Pick<RetroView, 'gate' | 'members'>): string {
  const g = view.gate;
  if (g.present === 0) return l10n.t('No one is here yet');
  let present = 0;
  let passed = 0;
  for (const m of view.members) {
    if (!m.present) continue;
    present++;
    if (m.passedAtDepth === true && !m.answeredAtDepth) passed++;
  }
  if (present !== g.present) return g.reason;
  return passed > 0
    ? l10n.t('{0} of {1} have answered at this depth ({2} passed)', g.reciprocated, g.present, passed)
    : l10n.t('{0} of {1} have answered at this depth', g.reciprocated, g.present);
}
