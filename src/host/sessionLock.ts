import * as os from 'node:os';
import * as path from 'node:path';
import { createExclusive, newLockInfo, processGone, readHeld, refreshLock, releaseLock, takeOver, type HeldLock, type LockInfo } from './fileLock';
import { storageText } from './storageText';

const HEARTBEAT_MS = 15_000;
const STALE_MS = 60_000;
/** A lock whose content cannot be read yet (a 0.1 window writing it) counts as held this long. */
const UNREADABLE_GRACE_MS = 5_000;

export type LockResult =
  | { acquired: true; lock: SessionLock }
  | {
      acquired: false;
      /** Who holds it ('' when nobody can: the folder is read-only). */
      heldBy: string;
      /** The folder cannot be written, so nobody can hold the lock. */
      readOnlyFolder: boolean;
      /** What to tell the person: why this window shows the retro read-only. */
      reason: string;
    };

/** Errors that mean "this folder cannot be written here". */
const READ_ONLY_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * One writer per retro across windows. The lock is a file next to the session, created
 * and taken over atomically (fileLock.ts), so two windows racing for it (say, both
 * restoring the retro after a crash) never both get it. A heartbeat keeps it fresh, so a
 * crashed window's lock goes stale and can be taken over instead of blocking the retro
 * forever; a lock whose process is gone (same machine) is taken over at once.
 */
export class SessionLock {
  private timer: NodeJS.Timeout | undefined;
  private released = false;

  private constructor(
    private readonly file: string,
    private readonly info: LockInfo,
  ) {
    this.timer = setInterval(() => void this.touch(), HEARTBEAT_MS);
    this.timer.unref?.();
  }

  static async acquire(sessionPath: string, owner: string): Promise<LockResult> {
    const file = `${sessionPath}.lock`;
    try {
      for (let attempt = 0; attempt < 40; attempt++) {
        const mine = newLockInfo(owner);
        if (await createExclusive(file, JSON.stringify(mine))) return { acquired: true, lock: new SessionLock(file, mine) };
        const held = await readHeld(file);
        if (!held) continue; // released meanwhile
        if (!mayTake(held, owner)) return heldBy(held.info);
        // Ours from before a reload (stamped with this process now, or until the next
        // heartbeat it would name the old, dead extension host), or stale.
        if (await takeOver(file, held, mine, (now) => mayTake(now, owner))) return { acquired: true, lock: new SessionLock(file, mine) };
        // Someone else is taking it over right now: look again in a moment.
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
      }
      return heldBy(null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code && READ_ONLY_CODES.has(code)) {
        return {
          acquired: false,
          heldBy: '',
          readOnlyFolder: true,
          reason: storageText().readOnlyFolder(path.dirname(sessionPath), code),
        };
      }
      throw err;
    }
  }

  private async touch(): Promise<void> {
    if (this.released) return;
    try {
      // Only while it is still ours, under the claim on it (fileLock.ts).
      await refreshLock(this.file, this.info);
    } catch {
      // The folder may have been removed; the next save reports real errors.
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    // A late release from an old extension host must not remove its successor's lock.
    await releaseLock(this.file, this.info.nonce!).catch(() => undefined);
  }
}

/**
 * The same window token in another live process is a second tab sharing this window's
 * storage, not a reload: that one stays a reader. Any holder that has shown no life for a
 * minute, or whose process is gone, is stale.
 */
function mayTake(held: HeldLock, owner: string): boolean {
  const info = held.info;
  if (!info) return held.ageMs > UNREADABLE_GRACE_MS;
  if (isStale(info, held.ageMs)) return true;
  return info.owner === owner && !(info.host === os.hostname() && info.pid !== process.pid);
}

function isStale(info: LockInfo, ageMs: number): boolean {
  return ageMs > STALE_MS || processGone(info);
}

function heldBy(info: LockInfo | null): LockResult {
  const text = storageText();
  const who = !info || info.host === os.hostname() ? text.heldHere() : text.heldOn(info.host);
  return {
    acquired: false,
    heldBy: who,
    readOnlyFolder: false,
    reason: text.heldBy(who),
  };
}
