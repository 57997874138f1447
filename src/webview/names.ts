// The names of the retro's phases and depth layers in the display language. The domain's
// PHASE_NAMES and DEPTH_NAMES stay the English the CLI and the exports print.
import * as l10n from '@vscode/l10n';
import type { Depth, Phase } from '../domain/types';

export function phaseName(phase: Phase): string {
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

export function depthName(depth: Depth): string {
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
