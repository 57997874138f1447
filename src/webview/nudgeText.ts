// A nudge as the facilitator reads it, in the display language (src/wording.ts).
import * as l10n from '@vscode/l10n';
import type { NudgeView } from '../protocol';
import * as wording from '../wording';

/** `nameOf` gives the invited member's name, or undefined when they are not in the view. */
export const nudgeText = (n: NudgeView, nameOf: (id: string) => string | undefined): string => wording.nudgeText(l10n, n, nameOf);
