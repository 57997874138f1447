// The names of the retro's phases and depth layers in the display language (src/wording.ts).
import * as l10n from '@vscode/l10n';
import type { Depth, Phase } from '../domain/types';
import * as wording from '../wording';

export const phaseName = (phase: Phase): string => wording.phaseName(l10n, phase);
export const depthName = (depth: Depth): string => wording.depthName(l10n, depth);
