// What the session store and its locks say to people, in one place. These modules run without
// VS Code (unit tests, child processes, the CLI's reads), so they speak English by default;
// the extension installs its translations at activation (storageTextL10n.ts, through
// vscode.l10n.t), and from then on every message here comes out in the display language.
import { fileProblemEnglish, unsavableEnglish, type SessionFileProblem } from '../domain/fileProblem';

export interface StorageText {
  /** The folder cannot be written, so the retro opens read-only. */
  readOnlyFolder(folder: string, code: string): string;
  /** Who holds the lock: a window on this machine, or on `host`. */
  heldHere(): string;
  heldOn(host: string): string;
  /** The retro is open read-only because `who` (heldHere/heldOn) is recording it. */
  heldBy(who: string): string;
  newerVersion(file: string, version: number): string;
  unreadableLeft(file: string, detail: string, code: string): string;
  unreadableKept(file: string, detail: string, keptAs: string): string;
  /** Why a session file cannot be read (the domain's SessionFileProblem). */
  fileProblem(problem: SessionFileProblem): string;
  /** A save refused because a newer version (format v`version`; this one reads up to v`reads`) wrote the file. */
  saveOverNewer(file: string, version: number, reads: number): string;
  /** A save refused for another reason of the format (`detail`, a fileProblem); the window goes read-only. */
  saveRefused(file: string, detail: string): string;
  diskFull(file: string): string;
  folderReadOnly(file: string, folder: string, code: string): string;
  folderGone(file: string, folder: string): string;
  saveBusy(file: string, seconds: number): string;
  /** A save that can never succeed: a value at `path` is nested deeper than `max` levels. */
  unsavable(path: string, max: number): string;
}

const KEPT = 'The file on disk still holds the last save.';

export const ENGLISH_STORAGE_TEXT: StorageText = {
  readOnlyFolder: (folder, code) =>
    `The folder ${folder} cannot be written (${code}; it is read-only for you), so this retro is open read-only here. Make the folder writable, or change reciprocity.storage, to record in it.`,
  heldHere: () => 'another VS Code window on this machine',
  heldOn: (host) => `a VS Code window on ${host}`,
  heldBy: (who) => `This retro is open for editing in ${who}. You are seeing it read-only; it updates as the other window saves.`,
  newerVersion: (file, version) =>
    `${file} was saved by a newer version of Reciprocity (format v${version}). It is open read-only, so that this version does not write it back in an older format; update the extension to change it.`,
  unreadableLeft: (file, detail, code) => `${file} could not be read (${detail}). It could not be kept aside either (${code}), so it was left where it is.`,
  unreadableKept: (file, detail, keptAs) => `${file} could not be read (${detail}). It was kept aside as ${keptAs}.`,
  fileProblem: fileProblemEnglish,
  saveOverNewer: (file, version, reads) =>
    `Could not save ${file}: it was saved by a newer version of Reciprocity (format v${version}; this version reads up to v${reads}). Update the extension to open it; the file was left untouched. This window is read-only now.`,
  saveRefused: (file, detail) => `Could not save ${file}: ${detail} This window is read-only now.`,
  diskFull: (file) => `Could not save ${file}: the disk is full. ${KEPT}`,
  folderReadOnly: (file, folder, code) => `Could not save ${file}: the folder ${folder} is read-only (${code}). ${KEPT}`,
  folderGone: (file, folder) => `Could not save ${file}: its folder ${folder} is gone. ${KEPT}`,
  saveBusy: (file, seconds) => `Another window has been saving ${file} for over ${seconds} s; try again.`,
  unsavable: unsavableEnglish,
};

let current: StorageText = ENGLISH_STORAGE_TEXT;

/** The messages in use: English until the extension installs its translations. */
export function storageText(): StorageText {
  return current;
}

/** Installs translated messages (the extension, at activation); returns the previous ones. */
export function useStorageText(text: StorageText): StorageText {
  const before = current;
  current = text;
  return before;
}
