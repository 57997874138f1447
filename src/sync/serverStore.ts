// Where a team server keeps its retros: for each document, the session file (the same
// format the extension writes, so `reciprocity report` reads it), the Yjs state (so a
// restarted server resumes the very same document its clients hold) and the seat book.
// Writes are atomic and fsynced; a lock makes read-merge-write safe when several server
// instances (scaled out through Redis) share one data folder.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import * as Y from 'yjs';
import { mergeLogs } from '../domain/merge';
import { parseSessionFile, serializeSession, sessionFileFromEvents } from '../domain/persistence';
import type { SessionEvent } from '../domain/types';

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

export class ServerStore {
  constructor(readonly dir: string) {}

  private file(name: string, ext: string): string {
    if (!isDocName(name)) throw new Error(`Invalid retro name "${name.slice(0, 40)}"`);
    return path.join(this.dir, `${name}${ext}`);
  }

  async load(name: string): Promise<StoredRetro | null> {
    const json = await readOrNull(this.file(name, '.json'));
    const ydoc = await fs.readFile(this.file(name, '.ydoc')).catch(() => null);
    if (json === null && ydoc === null) return null;
    let events: SessionEvent[] = [];
    if (json !== null) {
      const parsed = parseSessionFile(json, `${name}.json`);
      if (!parsed.ok) throw new Error(parsed.message);
      events = parsed.file.events;
    }
    return { events, ydoc: ydoc ? new Uint8Array(ydoc) : null };
  }

  /** Durably stores the log (merged with what is on disk) and the document state. */
  async save(name: string, events: readonly SessionEvent[], doc: Y.Doc): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const jsonPath = this.file(name, '.json');
    await this.withLock(jsonPath, async () => {
      const onDisk = await readOrNull(jsonPath);
      const parsed = onDisk === null ? null : parseSessionFile(onDisk, `${name}.json`);
      const merged = parsed?.ok ? mergeLogs(parsed.file.events, events) : events;
      const ydocPath = this.file(name, '.ydoc');
      const diskState = await fs.readFile(ydocPath).catch(() => null);
      const state = Y.encodeStateAsUpdate(doc);
      const combined = diskState ? Y.mergeUpdates([new Uint8Array(diskState), state]) : state;
      // The log first: it is what an acknowledgement promises. The document state can
      // always be rebuilt from it.
      await writeFileAtomic(jsonPath, serializeSession(sessionFileFromEvents(merged)), { encoding: 'utf8', fsync: true });
      await writeFileAtomic(ydocPath, Buffer.from(combined), { fsync: true });
    });
  }

  async loadSeats(name: string): Promise<SeatBook> {
    const text = await readOrNull(this.file(name, '.seats.json'));
    if (text === null) return {};
    try {
      const raw = JSON.parse(text) as unknown;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
      return Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v))) as SeatBook;
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
      if (out.seats) await writeFileAtomic(p, `${JSON.stringify(out.seats, null, 2)}\n`, { encoding: 'utf8', fsync: true, mode: 0o600 });
      return out.value;
    });
  }

  private async withLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
    // A lock left by a killed instance goes stale after 2 s (a live holder refreshes it).
    const release = await lockfile.lock(target, { realpath: false, retries: { retries: 80, minTimeout: 5, maxTimeout: 50 }, stale: 2_000, update: 1_000 });
    try {
      return await fn();
    } finally {
      await release();
    }
  }
}

async function readOrNull(p: string): Promise<string | null> {
  try {
    return await fs.readFile(p, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
