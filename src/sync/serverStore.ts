// Where a team server keeps its retros: for each document, the session file (the same
// format the extension writes, so `reciprocity report` reads it), append-only logs of
// what was acknowledged since, the Yjs state (so a restarted server resumes the very same
// document its clients hold), the seat book and, in anonymous mode, the held book. A lock
// makes read-merge-write safe when several server instances (scaled out through Redis)
// share one data folder.
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import lockfile from 'proper-lockfile';
import { writeAtomic } from '../io/atomicWrite';
import * as Y from 'yjs';
import { mergeLogs } from '../domain/merge';
import { parseSessionEvent, parseSessionFile, serializeSession, sessionFileFromEvents } from '../domain/persistence';
import type { SessionEvent } from '../domain/types';
import { emptyHeld, parseHeld, serializeHeld, type HeldBook } from './held';

const DOC_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export function isDocName(name: string): boolean {
  return DOC_NAME.test(name);
}

export interface StoredRetro {
  events: SessionEvent[];
  /** The Yjs state last written, if any. */
  ydoc: Uint8Array | null;
}

/** Seat secrets by member id, stored as hashes. */
export type SeatBook = Record<string, string>;

/** How long after the last append the log is folded into the session file. */
const COMPACT_AFTER_MS = 1_000;
/**
 * At the latest, how long after the first append since the last fold. Under steady traffic
 * the quiet second never came, so a busy retro's log grew for the whole meeting and was all
 * folded at close (34 s after 11,500 events at load 30). A fold reads and rewrites the whole
 * session file (about 130-200 ms of CPU at 15,000 events, load 20), so not too often either.
 */
const COMPACT_AT_LEAST_EVERY_MS = 30_000;

export interface ServerStoreTiming {
  compactAfterMs?: number;
  compactAtLeastEveryMs?: number;
}
/** How often appended lines are flushed to the disk itself (fdatasync). */
const SYNC_EVERY_MS = 50;

interface OpenLog {
  handle: fs.FileHandle;
  /** This instance's current log file; a fold moves appends to the next one. */
  path: string;
  generation: number;
  doc: Y.Doc;
  dirty: boolean;
  /** An fdatasync of this log is under way (appends then go through the thread pool). */
  syncing: boolean;
  compactTimer: NodeJS.Timeout | undefined;
  /** When the first append since the last fold came (Date.now()); undefined when none has. */
  pendingSince: number | undefined;
  compacting: Promise<void>;
  /** Closed by close(): a fold asked for later (by its timer) would open a file nobody closes. */
  closed: boolean;
}

/**
 * Each acknowledged event is appended as one JSON line to this instance's own log file
 * before the acknowledgement goes out, so a killed server loses nothing it acknowledged
 * (the kernel holds what was written; lines are also flushed to the disk every 50 ms).
 * Shortly after, the logs are folded into the session file (atomic, fsynced) and the
 * Yjs state is written beside it. Each instance of a scaled-out server owns its log.
 */
export class ServerStore {
  private readonly logs = new Map<string, OpenLog>();
  private readonly instance = randomUUID().slice(0, 8);
  private syncTimer: NodeJS.Timeout | undefined;

  private readonly compactAfterMs: number;
  private readonly compactAtLeastEveryMs: number;

  constructor(readonly dir: string, timing: ServerStoreTiming = {}) {
    this.compactAfterMs = timing.compactAfterMs ?? COMPACT_AFTER_MS;
    this.compactAtLeastEveryMs = timing.compactAtLeastEveryMs ?? COMPACT_AT_LEAST_EVERY_MS;
  }

  private file(name: string, ext: string): string {
    if (!isDocName(name)) throw new Error(`Invalid retro name "${name.slice(0, 40)}"`);
    return path.join(this.dir, `${name}${ext}`);
  }

  async load(name: string): Promise<StoredRetro | null> {
    const json = await readOrNull(this.file(name, '.json'));
    const ydoc = await fs.readFile(this.file(name, '.ydoc')).catch(() => null);
    const logged = await this.readLogs(name);
    if (json === null && ydoc === null && logged.length === 0) return null;
    let events: readonly SessionEvent[] = [];
    if (json !== null) {
      const parsed = parseSessionFile(json, `${name}.json`);
      if (!parsed.ok) throw new Error(parsed.message);
      events = parsed.file.events;
    }
    return { events: [...mergeLogs(events, logged)], ydoc: ydoc ? new Uint8Array(ydoc) : null };
  }

  /** Appends events to this instance's log; resolves once they are written. */
  async append(name: string, events: readonly SessionEvent[], doc: Y.Doc): Promise<void> {
    const log = await this.openLog(name, doc);
    log.doc = doc;
    const text = events.map((e) => `${JSON.stringify(e)}\n`).join('');
    // A few hundred bytes reach the kernel's page cache in microseconds: written here, the
    // event is shared without the thread pool's round trip, which took milliseconds on a
    // busy machine (the sync bench: request to broadcast, p50 4.2-9.2 ms -> 1.7-1.8 ms at
    // load 17-21, bare Hocuspocus 0.9-1.0 ms). While this log's periodic fdatasync runs,
    // a write(2) could wait behind it and stall every connection: then the thread pool
    // writes, as before. Appends to one log never overlap (the authority commits one
    // request at a time), so the two ways cannot reorder lines.
    if (log.syncing) await log.handle.appendFile(text, 'utf8');
    else writeAll(log.handle.fd, Buffer.from(text, 'utf8'));
    log.dirty = true;
    this.syncTimer ??= setTimeout(() => void this.syncAll(), SYNC_EVERY_MS);
    // A quiet moment after the last append, but no later than a while after the first.
    const now = Date.now();
    log.pendingSince ??= now;
    const wait = Math.max(0, Math.min(this.compactAfterMs, log.pendingSince + this.compactAtLeastEveryMs - now));
    clearTimeout(log.compactTimer);
    log.compactTimer = setTimeout(() => void this.compact(name).catch(() => undefined), wait);
  }

  /** Folds the logs into the session file and writes the document state; then empties our log. */
  compact(name: string): Promise<void> {
    const log = this.logs.get(name);
    if (!log || log.closed) return log?.compacting ?? Promise.resolve();
    clearTimeout(log.compactTimer);
    log.compactTimer = undefined;
    log.pendingSince = undefined; // appends from now on go to the next log file
    log.compacting = log.compacting.then(() => this.fold(name, log), () => this.fold(name, log));
    return log.compacting;
  }

  /** Compacts and closes every open log (on shutdown, or when a retro is unloaded). */
  async close(name?: string): Promise<void> {
    const names = name === undefined ? [...this.logs.keys()] : [name];
    for (const n of names) {
      const log = this.logs.get(n);
      if (!log) continue;
      await this.compact(n).catch(() => undefined);
      // No await between the last fold and this: from here on no fold starts.
      log.closed = true;
      clearTimeout(log.compactTimer);
      await log.compacting.catch(() => undefined);
      await log.handle.close().catch(() => undefined);
      // Empty after the last fold: nothing in it that the session file lacks.
      if ((await fs.stat(log.path).catch(() => null))?.size === 0) await fs.rm(log.path, { force: true });
      this.logs.delete(n);
    }
    if (this.logs.size === 0) {
      clearTimeout(this.syncTimer);
      this.syncTimer = undefined;
    }
  }

  private async fold(name: string, log: OpenLog): Promise<void> {
    if (log.closed) return;
    const jsonPath = this.file(name, '.json');
    await this.withLock(jsonPath, async () => {
      // Appends from now on go to a fresh file, which this fold leaves alone: an event
      // acknowledged while the fold runs is never in a file the fold removes. Closing
      // waits for appends in flight on the old file, so the read below sees them.
      const folded = log.path;
      const next = await this.openLogFile(name, log.generation + 1);
      const old = log.handle;
      Object.assign(log, next);
      await old.close();
      const onDisk = await readOrNull(jsonPath);
      const parsed = onDisk === null ? null : parseSessionFile(onDisk, `${name}.json`);
      if (parsed && !parsed.ok) throw new Error(parsed.message); // never overwrite what we cannot read
      const merged = mergeLogs(parsed?.ok ? parsed.file.events : [], await this.readLogs(name));
      if (merged.length > 0) await writeAtomic(jsonPath, serializeSession(sessionFileFromEvents(merged)));
      const ydocPath = this.file(name, '.ydoc');
      const diskState = await fs.readFile(ydocPath).catch(() => null);
      const state = Y.encodeStateAsUpdate(log.doc);
      await writeAtomic(ydocPath, diskState ? Y.mergeUpdates([new Uint8Array(diskState), state]) : state);
      // Everything in the folded file is in the session file now.
      await fs.rm(folded, { force: true });
      log.dirty = false;
    });
  }

  private async openLogFile(name: string, generation: number): Promise<Pick<OpenLog, 'handle' | 'path' | 'generation'>> {
    const p = this.file(name, `.${this.instance}.${generation}.log`);
    return { handle: await fs.open(p, 'a'), path: p, generation };
  }

  private async openLog(name: string, doc: Y.Doc): Promise<OpenLog> {
    let log = this.logs.get(name);
    if (!log) {
      await fs.mkdir(this.dir, { recursive: true });
      log = { ...(await this.openLogFile(name, 0)), doc, dirty: false, syncing: false, compactTimer: undefined, pendingSince: undefined, compacting: Promise.resolve(), closed: false };
      this.logs.set(name, log);
    }
    return log;
  }

  private async syncAll(): Promise<void> {
    this.syncTimer = undefined;
    for (const log of this.logs.values()) {
      if (!log.dirty) continue;
      log.syncing = true;
      await log.handle.datasync().catch(() => undefined);
      log.syncing = false;
    }
  }

  /** Every instance's log lines for a retro; a torn last line (a crash mid-write) was never acknowledged. */
  private async readLogs(name: string): Promise<SessionEvent[]> {
    this.file(name, '.json'); // validates the name
    const prefix = `${name}.`;
    const files = (await fs.readdir(this.dir).catch(() => [] as string[])).filter((f) => f.startsWith(prefix) && /^[0-9a-f]{8}(?:\.\d{1,9})?\.log$/.test(f.slice(prefix.length)));
    const out: SessionEvent[] = [];
    for (const f of files.sort()) {
      const text = await readOrNull(path.join(this.dir, f));
      for (const line of (text ?? '').split('\n')) {
        if (!line.trim()) continue;
        try {
          const parsed = parseSessionEvent(JSON.parse(line) as unknown);
          if (parsed.ok) out.push(parsed.event);
        } catch {
          // torn line
        }
      }
    }
    return out;
  }

  async loadSeats(name: string): Promise<SeatBook> {
    const text = await readOrNull(this.file(name, '.seats.json'));
    if (text === null) return {};
    try {
      const raw = JSON.parse(text) as unknown;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
      return Object.fromEntries<string>(Object.entries(raw).filter(([, v]) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)));
    } catch {
      return {};
    }
  }

  /**
   * Reads the seat book, lets `fn` change it, and writes it back, all under a lock: several
   * instances may seat members of one retro, and a member may come back on another.
   */
  async withSeats<T>(name: string, fn: (seats: SeatBook) => Promise<{ seats?: SeatBook; value: T }>): Promise<T> {
    await fs.mkdir(this.dir, { recursive: true });
    const p = this.file(name, '.seats.json');
    return this.withLock(p, async () => {
      const out = await fn(await this.loadSeats(name));
      if (out.seats) await writeAtomic(p, `${JSON.stringify(out.seats, null, 2)}\n`, { mode: 0o600 });
      return out.value;
    });
  }

  /**
   * Anonymous mode: reads the retro's held book (notes before their reveal, anonymous dots),
   * lets `fn` change it and writes it back, under a lock like the seats. Only this process
   * can read it (mode 0600); `held: null` deletes it (when the retro ends).
   */
  async withHeld<T>(name: string, fn: (held: HeldBook) => Promise<{ held?: HeldBook | null; value: T }>): Promise<T> {
    await fs.mkdir(this.dir, { recursive: true });
    const p = this.file(name, '.held.json');
    return this.withLock(p, async () => {
      const text = await readOrNull(p);
      const out = await fn(text === null ? emptyHeld() : parseHeld(text, `${name}.held.json`));
      if (out.held === null) await fs.rm(p, { force: true });
      else if (out.held) await writeAtomic(p, serializeHeld(out.held), { mode: 0o600 });
      return out.value;
    });
  }

  private async withLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
    // A lock left by a killed instance goes stale after 2 s (a live holder refreshes it).
    // A lock found gone or taken over while held (its folder deleted, a stalled process)
    // fails this operation instead of throwing from proper-lockfile's timer, which would
    // take the whole process down.
    const state: { compromised: Error | null } = { compromised: null };
    const release = await lockfile.lock(target, {
      realpath: false,
      retries: { retries: 80, minTimeout: 5, maxTimeout: 50 },
      stale: 2_000,
      update: 1_000,
      onCompromised: (err) => {
        state.compromised = err;
      },
    });
    try {
      const value = await fn();
      if (state.compromised) throw state.compromised;
      return value;
    } finally {
      await release().catch(() => undefined);
    }
  }
}

/** Writes all of `bytes` at the end of an append-mode file (write(2) may take part of them). */
function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

async function readOrNull(p: string): Promise<string | null> {
  try {
    return await fs.readFile(p, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
