// What a screen reader hears when a snapshot changes who has the turn or brings a nudge: the
// sentences for the panel's aria-live region (#announcer). The first snapshot says nothing.
import * as l10n from '@vscode/l10n';
import type { RetroView } from '../protocol';
import { nudgeText } from './nudgeText';

export function changeAnnouncements(before: RetroView | null, view: RetroView): string[] {
  if (!before || before.sessionId !== view.sessionId) return [];
  const said: string[] = [];
  const speaker = view.turn.memberId;
  if (speaker !== null && speaker !== before.turn.memberId) {
    const name = view.members.find((m) => m.id === speaker)?.name;
    if (name !== undefined) said.push(l10n.t('{0} has the turn.', name));
  }
  // Nudges show to the facilitator during the check-in only (views/balance.ts).
  const shown = (v: RetroView) => ((v.viewer?.role ?? 'facilitator') === 'facilitator' && v.phase === 'check-in' ? v.nudges : []);
  const known = new Set(shown(before).map((n) => n.id));
  const nameOf = (id: string) => view.members.find((m) => m.id === id)?.name;
  for (const n of shown(view)) if (!known.has(n.id)) said.push(l10n.t('Nudge: {0}', nudgeText(n, nameOf)));
  return said;
}
