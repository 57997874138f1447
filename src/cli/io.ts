// The command line's only contact with the outside world, injected so tests can run
// `main` in-process and check exactly what reached stdout and stderr.
import { readdirSync, readFileSync, statSync } from 'node:fs';
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

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => {
      const stat = statSync(path);
      if (stat.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
      if (stat.size > MAX_INPUT_BYTES) throw Object.assign(new Error(`${path} is too large`), { code: 'EFBIG' });
      return { text: readFileSync(path, 'utf8'), modifiedMs: stat.mtimeMs };
    },
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
      return `the file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
