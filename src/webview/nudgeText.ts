// A nudge as the facilitator reads it, in the display language. The domain (src/domain/balance/
// nudges.ts) says what kind of nudge it is and whom it invites; its English `text` is what the
// CLI and the exports print, and the fallback here for a kind this build does not know.
import * as l10n from '@vscode/l10n';
import type { NudgeView } from '../protocol';

/** `nameOf` gives the invited member's name, or undefined when they are not in the view. */
export function nudgeText(n: NudgeView, nameOf: (id: string) => string | undefined): string {
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
