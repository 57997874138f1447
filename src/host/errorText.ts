// An error as a person reads it, inside a sentence in the display language. Node words its
// system errors in English ("EACCES: permission denied, open '/x/s1.json'"); the common codes
// are worded here through vscode.l10n, with the path (or address, or host name) kept as it
// is and the code beside it for anyone searching for it. Any other error keeps its message:
// the extension's own are worded already. Callers log the error itself, so the log keeps
// Node's text for diagnosis.
import * as vscode from 'vscode';

/** What Node puts on an error from a system call (fs, net, dns). */
interface SystemError extends Error {
  code: string;
  syscall: string;
  path?: string;
  dest?: string;
  address?: string;
  port?: number;
  hostname?: string;
}

/** A failed system call, as Node makes it: an errno-style code and the call. Errors of our own that carry a code have no syscall. */
function isSystemError(err: unknown): err is SystemError {
  if (!(err instanceof Error)) return false;
  const e = err as Partial<SystemError>;
  return typeof e.code === 'string' && typeof e.syscall === 'string';
}

/** VS Code's file system errors (vscode.workspace.fs), by their code, as the Node code of the same meaning. */
const FILE_SYSTEM_CODES: Readonly<Record<string, string>> = {
  FileNotFound: 'ENOENT',
  FileExists: 'EEXIST',
  FileNotADirectory: 'ENOTDIR',
  FileIsADirectory: 'EISDIR',
  NoPermissions: 'EACCES',
};

/** A vscode.FileSystemError: named "<reason> (FileSystemError)", with one of its codes; its message is a URI or English. */
function fileSystemCode(err: unknown): string | undefined {
  if (!(err instanceof Error) || !/ \(FileSystemError\)$/.test(err.name)) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (Object.hasOwn(FILE_SYSTEM_CODES, code) || code === 'Unavailable') ? code : undefined;
}

/** What the call was about: the file (and where it was going), the address or the host. */
function about(e: SystemError): string | undefined {
  if (typeof e.path === 'string') return typeof e.dest === 'string' ? `${e.path} → ${e.dest}` : e.path;
  if (typeof e.address === 'string') return typeof e.port === 'number' ? `${e.address}:${e.port}` : e.address;
  if (typeof e.hostname === 'string') return e.hostname;
  return undefined;
}

/** The code's meaning with what it was about ({0}) and the code ({1}), or undefined for a code not worded here. */
function withTarget(code: string, target: string): string | undefined {
  switch (code) {
    case 'ENOENT':
      return vscode.l10n.t('no such file or folder: {0} ({1})', target, code);
    case 'EACCES':
      return vscode.l10n.t('permission denied: {0} ({1})', target, code);
    case 'EPERM':
      return vscode.l10n.t('operation not permitted: {0} ({1})', target, code);
    case 'EROFS':
      return vscode.l10n.t('the file system is read-only: {0} ({1})', target, code);
    case 'ENOSPC':
      return vscode.l10n.t('no space left on the disk: {0} ({1})', target, code);
    case 'EDQUOT':
      return vscode.l10n.t('the disk quota is used up: {0} ({1})', target, code);
    case 'EISDIR':
      return vscode.l10n.t('a folder, not a file: {0} ({1})', target, code);
    case 'ENOTDIR':
      return vscode.l10n.t('not a folder: {0} ({1})', target, code);
    case 'EEXIST':
      return vscode.l10n.t('already exists: {0} ({1})', target, code);
    case 'ENOTEMPTY':
      return vscode.l10n.t('the folder is not empty: {0} ({1})', target, code);
    case 'EMFILE':
    case 'ENFILE':
      return vscode.l10n.t('too many files are open: {0} ({1})', target, code);
    case 'EBUSY':
      return vscode.l10n.t('busy or locked: {0} ({1})', target, code);
    case 'EIO':
      return vscode.l10n.t('the disk could not be read or written: {0} ({1})', target, code);
    case 'ENAMETOOLONG':
      return vscode.l10n.t('the name is too long: {0} ({1})', target, code);
    case 'ETIMEDOUT':
      return vscode.l10n.t('timed out: {0} ({1})', target, code);
    case 'ECONNREFUSED':
      return vscode.l10n.t('the connection was refused: {0} ({1})', target, code);
    case 'ECONNRESET':
      return vscode.l10n.t('the connection was reset: {0} ({1})', target, code);
    case 'EADDRINUSE':
      return vscode.l10n.t('the address is already in use: {0} ({1})', target, code);
    case 'EADDRNOTAVAIL':
      return vscode.l10n.t('the address is not available on this machine: {0} ({1})', target, code);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return vscode.l10n.t('the network cannot reach {0} ({1})', target, code);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return vscode.l10n.t('the host name could not be found: {0} ({1})', target, code);
    default:
      return undefined;
  }
}

/** The code's meaning alone ({0}: the code, Node's or VS Code's), when the error named nothing it was about. */
function withoutTarget(code: string): string | undefined {
  switch (Object.hasOwn(FILE_SYSTEM_CODES, code) ? FILE_SYSTEM_CODES[code] : code) {
    case 'ENOENT':
      return vscode.l10n.t('no such file or folder ({0})', code);
    case 'EACCES':
      return vscode.l10n.t('permission denied ({0})', code);
    case 'EPERM':
      return vscode.l10n.t('operation not permitted ({0})', code);
    case 'EROFS':
      return vscode.l10n.t('the file system is read-only ({0})', code);
    case 'ENOSPC':
      return vscode.l10n.t('no space left on the disk ({0})', code);
    case 'EDQUOT':
      return vscode.l10n.t('the disk quota is used up ({0})', code);
    case 'EISDIR':
      return vscode.l10n.t('a folder, not a file ({0})', code);
    case 'ENOTDIR':
      return vscode.l10n.t('not a folder ({0})', code);
    case 'EEXIST':
      return vscode.l10n.t('already exists ({0})', code);
    case 'ENOTEMPTY':
      return vscode.l10n.t('the folder is not empty ({0})', code);
    case 'EMFILE':
    case 'ENFILE':
      return vscode.l10n.t('too many files are open ({0})', code);
    case 'EBUSY':
      return vscode.l10n.t('busy or locked ({0})', code);
    case 'EIO':
      return vscode.l10n.t('the disk could not be read or written ({0})', code);
    case 'ENAMETOOLONG':
      return vscode.l10n.t('the name is too long ({0})', code);
    case 'ETIMEDOUT':
      return vscode.l10n.t('timed out ({0})', code);
    case 'ECONNREFUSED':
      return vscode.l10n.t('the connection was refused ({0})', code);
    case 'ECONNRESET':
      return vscode.l10n.t('the connection was reset ({0})', code);
    case 'EADDRINUSE':
      return vscode.l10n.t('the address is already in use ({0})', code);
    case 'EADDRNOTAVAIL':
      return vscode.l10n.t('the address is not available on this machine ({0})', code);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return vscode.l10n.t('the network cannot reach the host ({0})', code);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return vscode.l10n.t('the host name could not be found ({0})', code);
    case 'Unavailable':
      return vscode.l10n.t('the file system is not available ({0})', code);
    default:
      return undefined;
  }
}

/** An error as a person reads it: a common system error in the display language, anything else as its message. */
export function errorText(err: unknown): string {
  if (isSystemError(err)) {
    const target = about(err);
    const worded = target === undefined ? withoutTarget(err.code) : withTarget(err.code, target);
    if (worded !== undefined) return worded;
  }
  const fileSystem = fileSystemCode(err);
  if (fileSystem !== undefined) return withoutTarget(fileSystem) ?? fileSystem;
  return err instanceof Error ? err.message : String(err);
}
