import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { mergeLogs } from '../domain/merge';
import { parseSessionFile, serializeSession, UnsavableSessionError } from '../domain/persistence';
import type { SessionFile } from '../domain/types';
import { writeAtomic } from '../io/atomicWrite';
import { isOrphanedLockTemp, removeAbandonedClaims, withFileLock } from './fileLock';
import { storageText } from './storageText';

export interface DamagedSession {
  file: string;
  message: string;
}

export interface SessionListing {
  sessions: { file: SessionFile; path: string }[];
  damaged: DamagedSession[];
}

/** Raised when a session file cannot be read; the damaged file has been kept aside. */
export class DamagedSessionError extends Error {
  constructor(
    message: string,
    readonly keptAs: string | null,
  ) {
    super(message);
  }
}

/** A session file opened for reading, with why it must stay read-only (a newer format). */
export interface OpenedSession {
  file: SessionFile;
  readOnlyReason?: string;
}

/** A save that must not be retried: the file on disk is from a newer version of Reciprocity. */
export class NewerVersionError extends Error {
  readonly newerVersion = true;
}

const SESSION_FILE = /^[A-Za-z0-9_-]{1,128}\.json$/;
/** Temp files of atomic writes, `<id>.json.<uint32>` (ours, and write-file-atomic's from earlier builds). */
const WRITE_TEMP = /^([A-Za-z0-9_-]{1,128})\.json\.\d{1,10}$/;
/** Our lock files' temp files: `<id>.json.<lock name>.<host>-<pid>-<random>.tmp`. */
const LOCK_TEMP = /^([A-Za-z0-9_-]{1,128})\.json\..+\.tmp$/;
/** A claim on a lock, left when a process was killed holding it: `<id>.json.<lock>.takeover-<nonce>`. */
const CLAIM = /^([A-Za-z0-9_-]{1,128}\.json\.(?:lock|save-lock))\.takeover-[A-Za-z0-9-]+$/;
/** A temp file of an atomic write this old belongs to a write that was killed. */
const TEMP_STALE_MS = 60_000;

/**
 * All reading and writing of session files. Writes are atomic (temp file, fsync, rename)
 * and merge with what is on disk, so an event written by another window is never lost:
 * the log is append-only with unique ids, which makes a union merge safe. The read, merge
 * and write happen under a lock file (`<id>.json.save-lock`), so two processes saving at
 * once cannot each write a merge that lacks the other's events.
 */
export class SessionStore {
  constructor(private readonly dir: () => string) {}

  get folder(): string {
    return this.dir();
  }

  pathFor(id: string): string {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new Error(`Invalid session id "${id.slice(0, 40)}"`);
    return path.join(this.dir(), `${id}.json`);
  }

  async list(): Promise<SessionListing> {
    const out: SessionListing = { sessions: [], damaged: [] };
    let names: string[];
    try {
      names = await fs.readdir(this.dir());
    } catch {
      return out;
    }
    await this.removeTempFiles(names, null);
    for (const name of names.filter((n) => SESSION_FILE.test(n))) {
      const p = path.join(this.dir(), name);
      const parsed = parseSessionFile(await fs.readFile(p, 'utf8'), name);
      if (parsed.ok) out.sessions.push({ file: parsed.file, path: p });
      else out.damaged.push({ file: p, message: storageText().fileProblem(parsed.problem) });
    }
    out.sessions.sort((a, b) => b.file.createdAt - a.file.createdAt);
    return out;
  }

  async exists(id: string): Promise<boolean> {
    return fs.access(this.pathFor(id)).then(() => true, () => false);
  }

  /** Loads a session to change it; a damaged file is moved aside (never overwritten) and reported. */
  async load(id: string): Promise<SessionFile> {
    const opened = await this.read(id, false);
    return opened.file;
  }

  /**
   * Loads a session to show it. A file from a newer version whose events this version can
   * read opens too, with the reason it must stay read-only (saving would downgrade it).
   */
  async open(id: string): Promise<OpenedSession> {
    return this.read(id, true);
  }

  private async read(id: string, newerReadOnly: boolean): Promise<OpenedSession> {
    const p = this.pathFor(id);
    await this.removeTempFiles(await fs.readdir(this.dir()).catch(() => []), null);
    const text = await fs.readFile(p, 'utf8');
    const parsed = parseSessionFile(text, path.basename(p), { newerReadOnly });
    if (parsed.ok) {
      if (parsed.newerVersion === undefined) return { file: parsed.file };
      return {
        file: parsed.file,
        readOnlyReason: storageText().newerVersion(path.basename(p), parsed.newerVersion),
      };
    }
    const reason = storageText().fileProblem(parsed.problem);
    if (parsed.kind === 'version') throw new DamagedSessionError(reason, null);
    let keptAs: string;
    try {
      keptAs = await this.keepAside(p);
    } catch (err) {
      // A read-only folder: nothing can overwrite it here either, so it stays where it is.
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new DamagedSessionError(storageText().unreadableLeft(path.basename(p), reason, code), null);
    }
    throw new DamagedSessionError(storageText().unreadableKept(path.basename(p), reason, path.basename(keptAs)), keptAs);
  }

  async keepAside(p: string): Promise<string> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = p.replace(/\.json$/, `.damaged-${stamp}.json`);
    await fs.rename(p, target);
    return target;
  }

  /**
   * Writes the session atomically. The log on disk is the base and keeps its order; events
   * only this writer has follow it (domain/merge.ts). The merged log is returned so the
   * caller can adopt it when the set of events differs from its own. Errors name the file
   * and say what went wrong in words (a full disk, a read-only folder); the file on disk
   * then still holds the last save.
   */
  async save(file: SessionFile): Promise<SessionFile> {
    const p = this.pathFor(file.id);
    try {
      await fs.mkdir(path.dirname(p), { recursive: true });
      return await withFileLock(p, async () => {
        // Any temp file of this session now is from a save that was killed: ours hold this lock.
        await this.removeTempFiles(await fs.readdir(path.dirname(p)), file.id);
        const onDisk = await this.readIfValid(p);
        const merged = onDisk ? mergeLogs(onDisk.events, file.events) : file.events;
        const out: SessionFile = merged === file.events ? file : { ...file, events: [...merged] };
        await writeAtomic(p, serializeSession(out));
        return out;
      });
    } catch (err) {
      throw describeSaveError(err, p);
    }
  }

  async delete(id: string): Promise<void> {
    await fs.rm(this.pathFor(id), { force: true });
  }

  private async readIfValid(p: string): Promise<SessionFile | null> {
    let text: string;
    try {
      text = await fs.readFile(p, 'utf8');
    } catch {
      return null;
    }
    const parsed = parseSessionFile(text, path.basename(p));
    if (parsed.ok) return parsed.file;
    if (parsed.kind === 'version') {
      // Never rename or downgrade a file a newer version wrote.
      const newer = parsed.problem.key === 'newer' ? parsed.problem : null;
      if (newer) throw new NewerVersionError(storageText().saveOverNewer(path.basename(p), newer.version, newer.reads));
      throw new NewerVersionError(storageText().saveRefused(path.basename(p), storageText().fileProblem(parsed.problem)));
    }
    // Never replace a file we cannot read: keep it aside first.
    await this.keepAside(p);
    return null;
  }

  /**
   * Removes temp files that interrupted atomic writes left (a killed window leaves a
   * whole copy of the session each time). Under a session's write lock (`owned`) every
   * temp file of that session is such a left-over; otherwise only those older than a
   * minute are, as a live save takes milliseconds. Lock temp files go when their process
   * is gone, and abandoned lock claims (fileLock.ts) too. Failures (a read-only folder)
   * are ignored.
   */
  private async removeTempFiles(names: readonly string[], owned: string | null): Promise<void> {
    const claimed = new Set(names.map((n) => CLAIM.exec(n)?.[1]).filter((n) => n !== undefined));
    for (const lock of claimed) await removeAbandonedClaims(path.join(this.dir(), lock)).catch(() => undefined);
    for (const name of names) {
      const write = WRITE_TEMP.exec(name);
      const lock = write ? null : LOCK_TEMP.exec(name);
      if (!write && !lock) continue;
      const p = path.join(this.dir(), name);
      try {
        const { mtimeMs } = await fs.stat(p);
        const orphan = write ? write[1] === owned || Date.now() - mtimeMs > TEMP_STALE_MS : isOrphanedLockTemp(name, mtimeMs);
        if (orphan) await fs.rm(p, { force: true });
      } catch {
        // gone already, or not ours to remove
      }
    }
  }
}

/** A save's error, said so that a person knows what happened and that the last save is intact. */
function describeSaveError(err: unknown, p: string): Error {
  if (err instanceof NewerVersionError || !(err instanceof Error)) return err instanceof Error ? err : new Error(String(err));
  // No code: the window reports it once and does not retry (it would fail the same way again).
  if (err instanceof UnsavableSessionError) return new Error(storageText().unsavable(err.path, err.max), { cause: err });
  const code = (err as NodeJS.ErrnoException).code;
  const name = path.basename(p);
  const text = storageText();
  let message: string | undefined;
  if (code === 'ENOSPC' || code === 'EDQUOT') message = text.diskFull(name);
  else if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') message = text.folderReadOnly(name, path.dirname(p), code);
  else if (code === 'ENOENT') message = text.folderGone(name, path.dirname(p));
  if (!message) return err;
  return Object.assign(new Error(message, { cause: err }), { code });
}
