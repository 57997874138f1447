import * as fs from 'node:fs/promises';
import * as os from 'node:os';

const HEARTBEAT_MS = 15_000;
const STALE_MS = 60_000;

interface LockInfo {
  pid: number;
  host: string;
  owner: string;
  at: number;
}

export type LockResult = { acquired: true; lock: SessionLock } | { acquired: false; heldBy: string };

/**
 * One writer per retro across windows. The lock is a file created exclusively next to
 * the session; a heartbeat keeps it fresh, so a crashed window's lock goes stale and
 * can be taken over instead of blocking the retro forever.
 */
export class SessionLock {
  private timer: NodeJS.Timeout | undefined;
  private released = false;

  private constructor(
    private readonly file: string,
    private readonly owner: string,
  ) {
    this.timer = setInterval(() => void this.touch(), HEARTBEAT_MS);
    this.timer.unref?.();
  }

  static async acquire(sessionPath: string, owner: string): Promise<LockResult> {
    const file = `${sessionPath}.lock`;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.writeFile(file, JSON.stringify(info(owner)), { flag: 'wx' });
        return { acquired: true, lock: new SessionLock(file, owner) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const held = await readLock(file);
        // Ours from before a reload: stamp it with this process now, or until the next heartbeat
        // it names the old, dead extension host and another window takes it over as stale.
        // The same token in another live process is a second tab sharing this window's
        // storage, not a reload: that one stays a reader.
        if (held && held.owner === owner && !heldByOtherLiveProcess(held)) {
          await fs.writeFile(file, JSON.stringify(info(owner)));
          return { acquired: true, lock: new SessionLock(file, owner) };
        }
        if (held && !isStale(held)) return { acquired: false, heldBy: describe(held) };
        await fs.rm(file, { force: true });
      }
    }
    return { acquired: false, heldBy: 'another window' };
  }

  private async touch(): Promise<void> {
    if (this.released) return;
    const held = await readLock(this.file);
    // Never stamp over a lock another process has taken in the meantime.
    if (held && (held.owner !== this.owner || held.pid !== process.pid)) return;
    try {
      await fs.writeFile(this.file, JSON.stringify(info(this.owner)));
    } catch {
      // The folder may have been removed; the next save reports real errors.
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    const held = await readLock(this.file);
    // A late release from an old extension host must not remove its successor's lock.
    if (held?.owner === this.owner && held.pid === process.pid) await fs.rm(this.file, { force: true });
  }
}

function info(owner: string): LockInfo {
  return { pid: process.pid, host: os.hostname(), owner, at: Date.now() };
}

async function readLock(file: string): Promise<LockInfo | null> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && 'owner' in parsed && 'at' in parsed) return parsed as LockInfo;
  } catch {
    // Unreadable lock files are treated as stale.
  }
  return null;
}

function heldByOtherLiveProcess(lock: LockInfo): boolean {
  return lock.host === os.hostname() && lock.pid !== process.pid && !isStale(lock);
}

function isStale(lock: LockInfo): boolean {
  if (Date.now() - lock.at > STALE_MS) return true;
  if (lock.host === os.hostname()) {
    try {
      process.kill(lock.pid, 0);
    } catch {
      return true;
    }
  }
  return false;
}

function describe(lock: LockInfo): string {
  return lock.host === os.hostname() ? 'another VS Code window on this machine' : `a VS Code window on ${lock.host}`;
}
