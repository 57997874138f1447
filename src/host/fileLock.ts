// Lock files that stay correct when several processes race for them, including for a
// stale lock left by a killed process. Two rules make that hold:
//
// 1. A lock file appears with its content whole: it is written to a temp file and then
//    hard-linked into place, which fails if the name exists (atomic, like O_EXCL).
// 2. A held lock is never deleted and re-created by a contender. To take over (or release)
//    one incarnation of a lock, identified by the nonce inside it, a process must first
//    create the claim file `<lock>.takeover-<nonce>` exclusively, then re-read the lock and
//    replace it (rename over it) only if it is still that incarnation. Exactly one process
//    can hold a claim for an incarnation, and every holder re-checks under it, so a slow
//    contender that read an old incarnation can never replace a fresh one.
//
// A claim whose process died (a kill in the few milliseconds it exists) is itself a stale
// incarnation: the next claim is named after its nonce, and so on.
import { createHash, randomUUID } from 'node:crypto';
import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { storageText } from './storageText';

export interface LockInfo {
  pid: number;
  host: string;
  owner: string;
  at: number;
  /** Identifies this incarnation of the lock; absent in locks written by 0.1. */
  nonce?: string;
}

export interface HeldLock {
  /** Null when the content cannot be read as a lock (a legacy lock still being written, or junk). */
  info: LockInfo | null;
  /** The incarnation: the nonce, or a digest of the content and inode for older locks. */
  identity: string;
  /** Since the holder last showed life: its `at`, or the file's mtime (heartbeats touch it). */
  ageMs: number;
}

/** A claim lives for milliseconds; one this old, or of a dead process, was abandoned. */
const CLAIM_STALE_MS = 10_000;
/** Temp files of lock writes older than this are left-overs, whoever wrote them. */
const TEMP_STALE_MS = 60_000;

const HOST_TAG = createHash('sha1').update(os.hostname()).digest('hex').slice(0, 8);

export function newLockInfo(owner: string): LockInfo {
  return { pid: process.pid, host: os.hostname(), owner, at: Date.now(), nonce: randomUUID() };
}

/** Creates `file` holding `content` only if nothing by that name exists; true if it did. */
export async function createExclusive(file: string, content: string): Promise<boolean> {
  const tmp = `${file}.${HOST_TAG}-${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  await fs.writeFile(tmp, content, { flag: 'wx' });
  try {
    await fs.link(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A filesystem without hard links: exclusive create, then write. A reader may briefly
    // see it empty, which counts as held (HeldLock.info null, young).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createExclusiveInPlace(file, content);
    throw err;
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}

async function createExclusiveInPlace(file: string, content: string): Promise<boolean> {
  try {
    await fs.writeFile(file, content, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** The lock as it is now, or null if there is none. */
export async function readHeld(file: string): Promise<HeldLock | null> {
  let text: string;
  let stat: Stats;
  try {
    stat = await fs.stat(file);
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const info = parseInfo(text);
  const identity = info?.nonce ?? `h${createHash('sha1').update(`${stat.ino}:${text}`).digest('hex').slice(0, 24)}`;
  return { info, identity, ageMs: Date.now() - Math.max(info?.at ?? 0, stat.mtimeMs) };
}

function parseInfo(text: string): LockInfo | null {
  try {
    const p: unknown = JSON.parse(text);
    if (!p || typeof p !== 'object') return null;
    const r = p as Record<string, unknown>;
    if (typeof r['pid'] !== 'number' || typeof r['host'] !== 'string' || typeof r['owner'] !== 'string' || typeof r['at'] !== 'number') return null;
    const nonce = typeof r['nonce'] === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(r['nonce']) ? r['nonce'] : undefined;
    return { pid: r['pid'], host: r['host'], owner: r['owner'], at: r['at'], ...(nonce ? { nonce } : {}) };
  } catch {
    return null;
  }
}

/** True when the process that wrote `info` is known to be gone (same machine only). */
export function processGone(info: LockInfo): boolean {
  if (info.host !== os.hostname()) return false;
  if (info.pid === process.pid) return false;
  return !pidAlive(info.pid);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Replaces the lock incarnation `held` (as read earlier) with `mine`. Fails, changing
 * nothing, when the lock changed meanwhile, `mayTake` no longer holds for it as it is now
 * (its holder showed life), or another live process is taking it over.
 */
export async function takeOver(file: string, held: HeldLock, mine: LockInfo, mayTake: (now: HeldLock) => boolean = () => true): Promise<boolean> {
  return withClaim(file, held.identity, async () => {
    const now = await readHeld(file);
    if (now?.identity !== held.identity || !mayTake(now)) return false;
    await replace(file, mine);
    await removeAbandonedClaims(file);
    return true;
  });
}

/**
 * The holder's heartbeat: writes a fresh `at` into its lock (same nonce), under the claim
 * on its incarnation, so it never overwrites a lock someone took over. Readers from
 * before nonces judge a lock by `at` alone. False if the lock is no longer ours.
 */
export async function refreshLock(file: string, mine: LockInfo): Promise<boolean> {
  return withClaim(file, mine.nonce!, async () => {
    const now = await readHeld(file);
    if (now?.identity !== mine.nonce) return false;
    await replace(file, { ...mine, at: Date.now() });
    return true;
  });
}

async function replace(file: string, info: LockInfo): Promise<void> {
  const tmp = `${file}.${HOST_TAG}-${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  try {
    await fs.writeFile(tmp, JSON.stringify(info), { flag: 'wx' });
    await fs.rename(tmp, file);
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}

/** Removes the lock if it is still the incarnation `nonce`; a lock taken over meanwhile is left to its new holder. */
export async function releaseLock(file: string, nonce: string): Promise<void> {
  await withClaim(file, nonce, async () => {
    const now = await readHeld(file);
    if (now?.identity === nonce) await fs.rm(file, { force: true });
    return true;
  });
}

/** Runs `fn` holding the claim on one incarnation of the lock; false without running it if another live process holds it. */
async function withClaim(file: string, identity: string, fn: () => Promise<boolean>): Promise<boolean> {
  let target = identity;
  for (let level = 0; level < 8; level++) {
    const claim = `${file}.takeover-${target}`;
    const info = { ...newLockInfo('claim'), target: identity };
    if (await createExclusive(claim, JSON.stringify(info))) {
      try {
        return await fn();
      } finally {
        await fs.rm(claim, { force: true }).catch(() => undefined);
      }
    }
    const other = await readHeld(claim);
    if (!other) return false; // finished meanwhile: the caller reads the lock again
    if (other.info && !processGone(other.info) && other.ageMs < CLAIM_STALE_MS) return false;
    if (!other.info && other.ageMs < CLAIM_STALE_MS) return false;
    target = other.identity; // abandoned: claim it in turn
  }
  return false;
}

/**
 * Removes claims left by processes killed while holding them. A claim on the lock's
 * current incarnation stays, even an abandoned one: the next claim in its chain is named
 * after it. Any other claim can no longer change anything (its holder re-reads the lock
 * and finds another incarnation), so abandoned ones go.
 */
export async function removeAbandonedClaims(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.takeover-`;
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(prefix) && !n.endsWith('.tmp'));
  if (names.length === 0) return;
  const current = (await readHeld(file).catch(() => null))?.identity;
  for (const name of names) {
    const claim = path.join(dir, name);
    try {
      const target = (JSON.parse(await fs.readFile(claim, 'utf8')) as { target?: unknown }).target;
      if (current !== undefined && (target === current || name === `${prefix}${current}`)) continue;
      const held = await readHeld(claim);
      if (held && ((held.info && processGone(held.info)) || held.ageMs > CLAIM_STALE_MS)) await fs.rm(claim, { force: true });
    } catch {
      // unreadable or gone: an unreadable claim that is old goes too
      const st = await fs.stat(claim).catch(() => null);
      if (st && Date.now() - st.mtimeMs > CLAIM_STALE_MS && name !== `${prefix}${current}`) await fs.rm(claim, { force: true }).catch(() => undefined);
    }
  }
}

/**
 * Whether `name` (in a folder of locks) is a temp file of a lock write that will never
 * complete: its process is gone, or it is older than a minute.
 */
export function isOrphanedLockTemp(name: string, mtimeMs: number): boolean {
  const m = /\.([0-9a-f]{8})-(\d{1,10})-[0-9a-f]{8}\.tmp$/.exec(name);
  if (!m) return false;
  if (Date.now() - mtimeMs > TEMP_STALE_MS) return true;
  return m[1] === HOST_TAG && Number(m[2]) !== process.pid && !pidAlive(Number(m[2]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A short-held lock around a read-modify-write of `target` (the lock is `<target>.save-lock`).
 * Waits for another holder up to `waitMs`; a holder that died, or showed no life for
 * `staleMs` (a live holder touches the lock), is taken over.
 */
export async function withFileLock<T>(target: string, fn: () => Promise<T>, opts: { waitMs?: number; staleMs?: number } = {}): Promise<T> {
  const { waitMs = 20_000, staleMs = 30_000 } = opts;
  const file = `${target}.save-lock`;
  const mine = newLockInfo('save');
  const deadline = Date.now() + waitMs;
  let delay = 2;
  for (;;) {
    if (await createExclusive(file, JSON.stringify(mine))) break;
    const held = await readHeld(file);
    if (held) {
      const abandoned = (h: HeldLock) => h.ageMs > staleMs || (h.info !== null && processGone(h.info));
      if (abandoned(held) && (await takeOver(file, held, mine, abandoned))) break;
    }
    if (Date.now() > deadline) {
      throw Object.assign(new Error(storageText().saveBusy(path.basename(target), Math.round(waitMs / 1000))), { code: 'ELOCKED' });
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 40);
  }
  const beat = setInterval(() => void fs.utimes(file, new Date(), new Date()).catch(() => undefined), Math.max(1000, staleMs / 3));
  beat.unref?.();
  try {
    return await fn();
  } finally {
    clearInterval(beat);
    await releaseLock(file, mine.nonce!).catch(() => undefined);
  }
}
