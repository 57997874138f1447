// The gate's count in the display language (src/wording.ts), from the numbers in the view.
// When the view does not hold every present member (a member's own view), the gate's own
// count of passes is used.
import * as l10n from '@vscode/l10n';
import type { RetroView } from '../protocol';
import * as wording from '../wording';

export function gateText(view: Pick<RetroView, 'gate' | 'members'>): string {
  let present = 0;
  let passed = 0;
  for (const m of view.members) {
    if (!m.present) continue;
    present++;
    if (m.passedAtDepth === true && !m.answeredAtDepth) passed++;
  }
  return wording.gateText(l10n, view.gate, present === view.gate.present ? passed : null);
}
