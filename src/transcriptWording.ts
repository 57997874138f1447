// A transcript's format as people read it, in the display language: the summary panel's
// header and the extension's messages. The domain's FORMAT_LABELS stay the English the CLI
// and the exports print; a unit test holds the two to one English.
import type { TranscriptFormat } from './domain/transcript/types';
import type { L10n } from './wording';
// Type-only, erased from both bundles: it tells `npm run l10n` (vscode-l10n-dev finds the
// l10n.t calls of files that import an l10n module) to export the strings below.
import type * as l10n from '@vscode/l10n';

/** The webview's l10n module fits L10n, as vscode.l10n does. */
export type FormatL10n = L10n | typeof l10n;

export function formatName(l10n: FormatL10n, format: TranscriptFormat): string {
  switch (format) {
    case 'teams-vtt':
      return l10n.t('Microsoft Teams WebVTT');
    case 'zoom-vtt':
      return l10n.t('Zoom recording WebVTT');
    case 'webvtt':
      return l10n.t('WebVTT');
    case 'zoom-chat':
      return l10n.t('Zoom chat export');
    case 'zoom-captions':
      return l10n.t('Zoom saved captions');
    case 'google-meet':
      return l10n.t('Google Meet transcript');
    case 'otter':
      return l10n.t('Otter.ai transcript');
    case 'plain':
      return l10n.t('plain "Name: text" log');
  }
}
