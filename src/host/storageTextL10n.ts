// The session store's and locks' messages (storageText.ts) and the panel view's own sentences
// (viewText.ts) in the display language, installed at activation (core.ts).
import * as vscode from 'vscode';
import { checkIssueText, fileProblemText } from './problemText';
import type { StorageText } from './storageText';
import type { ViewText } from './viewText';
import { phaseName } from '../wording';

export const L10N_STORAGE_TEXT: StorageText = {
  readOnlyFolder: (folder, code) =>
    vscode.l10n.t(
      'The folder {0} cannot be written ({1}; it is read-only for you), so this retro is open read-only here. Make the folder writable, or change reciprocity.storage, to record in it.',
      folder,
      code,
    ),
  heldHere: () => vscode.l10n.t('another VS Code window on this machine'),
  heldOn: (host) => vscode.l10n.t('a VS Code window on {0}', host),
  heldBy: (who) => vscode.l10n.t('This retro is open for editing in {0}. You are seeing it read-only; it updates as the other window saves.', who),
  newerVersion: (file, version) =>
    vscode.l10n.t(
      '{0} was saved by a newer version of Reciprocity (format v{1}). It is open read-only, so that this version does not write it back in an older format; update the extension to change it.',
      file,
      version,
    ),
  unreadableLeft: (file, detail, code) =>
    vscode.l10n.t('{0} could not be read ({1}). It could not be kept aside either ({2}), so it was left where it is.', file, detail, code),
  unreadableKept: (file, detail, keptAs) => vscode.l10n.t('{0} could not be read ({1}). It was kept aside as {2}.', file, detail, keptAs),
  fileProblem: fileProblemText,
  saveOverNewer: (file, version, reads) =>
    vscode.l10n.t(
      'Could not save {0}: it was saved by a newer version of Reciprocity (format v{1}; this version reads up to v{2}). Update the extension to open it; the file was left untouched. This window is read-only now.',
      file,
      version,
      reads,
    ),
  saveRefused: (file, detail) => vscode.l10n.t('Could not save {0}: {1} This window is read-only now.', file, detail),
  diskFull: (file) => vscode.l10n.t('Could not save {0}: the disk is full. The file on disk still holds the last save.', file),
  folderReadOnly: (file, folder, code) =>
    vscode.l10n.t('Could not save {0}: the folder {1} is read-only ({2}). The file on disk still holds the last save.', file, folder, code),
  folderGone: (file, folder) => vscode.l10n.t('Could not save {0}: its folder {1} is gone. The file on disk still holds the last save.', file, folder),
  saveBusy: (file, seconds) => vscode.l10n.t('Another window has been saving {0} for over {1} s; try again.', file, seconds),
  unsavable: (path, max) => vscode.l10n.t('The retro cannot be saved: {0}: a value is nested more than {1} levels deep.', path || vscode.l10n.t('(file)'), max),
};

export const L10N_VIEW_TEXT: ViewText = {
  ended: () => vscode.l10n.t('This retro has ended.'),
  formerMember: () => vscode.l10n.t('Former member'),
  listingEnded: () => vscode.l10n.t('ended'),
  listingRunning: (team, phase) => {
    const name = phaseName(vscode.l10n, phase).toLocaleLowerCase(vscode.env.language);
    return team ? vscode.l10n.t('team, {0}', name) : vscode.l10n.t('in progress, {0}', name);
  },
  people: (n) => (n === 1 ? vscode.l10n.t('1 person') : vscode.l10n.t('{0} people', n)),
  listingOpen: () => vscode.l10n.t('open'),
  joinEmpty: () => vscode.l10n.t('Paste the join code or link the facilitator shared.'),
  joinTooLong: () => vscode.l10n.t('That is too long to be a join code.'),
  joinLinkDamaged: () => vscode.l10n.t('The link is damaged: its code is not readable.'),
  joinNotACode: () => vscode.l10n.t('This is not a Reciprocity join code (it starts with "{0}").', 'rcp1.'),
  joinBadCharacters: () => vscode.l10n.t('The join code is damaged: it has characters a code never has.'),
  joinCutShort: () => vscode.l10n.t('The join code is damaged or cut short. Copy it again.'),
  joinInvalid: (detail) => vscode.l10n.t('The join code is not valid: {0}', detail),
  joinField: (path, issue) => {
    const why = issue === 'address' ? vscode.l10n.t('must be a {0} or {1} address', 'ws://', 'wss://') : checkIssueText(issue);
    return path ? vscode.l10n.t('{0}: {1}', path, why) : why;
  },
  tabTitle: (title, time) => vscode.l10n.t('Retro: {0} · {1}', title, time),
  defaultTitle: (date) => vscode.l10n.t('Retro {0}', date),
};
