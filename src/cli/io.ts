// The command line's only contact with the outside world, injected so tests can run
// `main` in-process and check exactly what reached stdout and stderr.
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Function properties, not methods: callers may pass them on unbound.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads a whole UTF-8 file; throws a Node error (with a code) when it cannot. */
  readFile: (path: string) => { text: string; modifiedMs: number };
  /** The files in a folder (not hidden, not folders), or null when `path` is not a folder. */
  listFolder?: (path: string) => string[] | null;
}

/** Larger than any real session or one-day transcript; beyond it we refuse, not hang. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

const CHUNK = 1024 * 1024;

const tooLarge = (path: string, limit: number): Error =>
  Object.assign(new Error(`${path} is larger than ${limit} bytes`), { code: 'EFBIG', limit });

/**
 * Reads a file in chunks and stops one byte past `limit`, whatever size the file reports:
 * /dev/zero, a pipe or a file still growing report 0 or too little (issue 12, defect 8).
 */
export function readLimited(path: string, limit: number = MAX_INPUT_BYTES): { text: string; modifiedMs: number } {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
    if (stat.size > limit) throw tooLarge(path, limit);
    // One buffer of the reported size (plus a byte, to notice a file that grew), read
    // straight into; chunks are added only when the file turns out longer than it said.
    const chunks: Buffer[] = [];
    let total = 0;
    let first = true;
    for (;;) {
      const size = first && stat.size > 0 ? stat.size + 1 : CHUNK;
      first = false;
      const chunk = Buffer.allocUnsafe(Math.min(size, limit + 1 - total));
      let filled = 0;
      while (filled < chunk.length) {
        const n = readSync(fd, chunk, filled, chunk.length - filled, null);
        if (n === 0) break;
        filled += n;
      }
      total += filled;
      if (total > limit) throw tooLarge(path, limit);
      if (filled > 0) chunks.push(filled === chunk.length ? chunk : chunk.subarray(0, filled));
      if (filled < chunk.length) break;
    }
    const all = chunks.length === 1 ? (chunks[0]) : Buffer.concat(chunks, total);
    return { text: all.toString('utf8'), modifiedMs: stat.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

export function processIo(maxBytes: number = MAX_INPUT_BYTES): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => readLimited(path, maxBytes),
    listFolder: (path) => {
      let entries;
      try {
        if (!statSync(path).isDirectory()) return null;
        entries = readdirSync(path, { withFileTypes: true });
      } catch {
        return null;
      }
      return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => join(path, e.name));
    },
  };
}

/** A short reason for a failed read, without Node's stack or syscall noise. */
export function describeReadError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EFBIG':
      return `it is larger than ${describeSize(limitOf(error))}, the most a report reads`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function limitOf(error: unknown): number {
  const limit = typeof error === 'object' && error !== null && 'limit' in error ? error.limit : undefined;
  return typeof limit === 'number' ? limit : MAX_INPUT_BYTES;
}

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : `${bytes.toLocaleString('en-US')} bytes`;
}
