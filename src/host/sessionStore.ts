import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { mergeLogs } from '../domain/merge';
import { parseSessionFile, serializeSession } from '../domain/persistence';
import type { SessionFile } from '../domain/types';

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

const SESSION_FILE = /^[A-Za-z0-9_-]{1,128}\.json$/;

/**
 * All reading and writing of session files. Writes are atomic (temp file, fsync, rename)
 * and merge with what is on disk, so an event written by another window is never lost:
 * the log is append-only with unique ids, which makes a union merge safe.
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
    for (const name of names.filter((n) => SESSION_FILE.test(n))) {
      const p = path.join(this.dir(), name);
      const parsed = parseSessionFile(await fs.readFile(p, 'utf8'), name);
      if (parsed.ok) out.sessions.push({ file: parsed.file, path: p });
      else out.damaged.push({ file: p, message: parsed.message });
    }
    out.sessions.sort((a, b) => b.file.createdAt - a.file.createdAt);
    return out;
  }

  async exists(id: string): Promise<boolean> {
    return fs.access(this.pathFor(id)).then(() => true, () => false);
  }

  /** Loads a session; a damaged file is moved aside (never overwritten) and reported. */
  async load(id: string): Promise<SessionFile> {
    const p = this.pathFor(id);
    const text = await fs.readFile(p, 'utf8');
    const parsed = parseSessionFile(text, path.basename(p));
    if (parsed.ok) return parsed.file;
    if (parsed.kind === 'version') throw new DamagedSessionError(parsed.message, null);
    const keptAs = await this.keepAside(p);
    throw new DamagedSessionError(
      `${path.basename(p)} could not be read (${parsed.message}). It was kept aside as ${path.basename(keptAs)}.`,
      keptAs,
    );
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
   * caller can adopt it when the set of events differs from its own.
   */
  async save(file: SessionFile): Promise<SessionFile> {
    const p = this.pathFor(file.id);
    await fs.mkdir(path.dirname(p), { recursive: true });
    const onDisk = await this.readIfValid(p);
    const merged = onDisk ? mergeLogs(onDisk.events, file.events) : file.events;
    const out: SessionFile = merged === file.events ? file : { ...file, events: [...merged] };
    await writeFileAtomic(p, serializeSession(out), { encoding: 'utf8', fsync: true });
    return out;
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
    // Never replace a file we cannot read: keep it aside first.
    await this.keepAside(p);
    return null;
  }
}
