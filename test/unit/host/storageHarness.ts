// Shared by the storage tests: the child process bundle, a session file to start from,
// and small filesystems (tmpfs) for the full-disk and read-only cases.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { builtinDecks } from '../../../src/domain/decks/builtin';
import { sessionFileFromEvents } from '../../../src/domain/persistence';
import type { SessionEvent, SessionFile } from '../../../src/domain/types';

let bundled: Promise<string> | undefined;

/** storageChild.ts bundled once per run into a temp folder, started with plain node. */
export function childBundle(): Promise<string> {
  bundled ??= (async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'recip-child-')), 'storageChild.cjs');
    await build({ entryPoints: [path.join(__dirname, 'storageChild.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'error' });
    return out;
  })();
  return bundled;
}

export function created(id = 's1'): SessionEvent {
  return {
    id: 'e0',
    at: 1000,
    actor: 'fac',
    type: 'session.created',
    sessionId: id,
    title: 'Retro',
    teamId: 'team',
    deck: builtinDecks()[0],
    settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 },
  };
}

export function newSession(id = 's1'): SessionFile {
  return sessionFileFromEvents([created(id)]);
}

export interface ChildRun {
  acks: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the child to its end (or until `killAfterMs`, then SIGKILL), collecting the ack lines it printed. */
export function runChild(bundle: string, args: string[], killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Only whole lines count: a line cut by the kill was never fully acknowledged.
      const lines = out.split('\n');
      lines.pop();
      resolve({ acks: lines.filter((l) => l.startsWith('ACK ')).map((l) => l.slice(4)), code, signal, stderr });
    });
  });
}

/**
 * Spawns the child now and lets it load, but starts it only with `start()`; it is killed
 * `killAfterMs` after it prints READY, or after the start when `fromStart` is set.
 */
export function warmChild(bundle: string, args: string[]): { start(killAfterMs: number, fromStart: boolean): void; done: Promise<ChildRun> } {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  let killAt: { ms: number; fromStart: boolean } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const kill = (ms: number) => (timer = setTimeout(() => child.kill('SIGKILL'), ms));
  child.stdout.on('data', (d: Buffer) => {
    const before = out;
    out += d.toString();
    if (killAt && !killAt.fromStart && !before.includes('READY\n') && out.includes('READY\n')) kill(killAt.ms);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<ChildRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = out.split('\n');
      lines.pop();
      resolve({ acks: lines.filter((l) => l.startsWith('ACK ')).map((l) => l.slice(4)), code, signal, stderr });
    });
  });
  return {
    start(ms, fromStart) {
      killAt = { ms, fromStart };
      child.stdin.write('go\n');
      if (fromStart) kill(ms);
    },
    done,
  };
}

/**
 * Mounts a tmpfs of `sizeKb` on a new folder. Returns a reason instead when that is not
 * possible here (not root, no mount): the caller fails in CI and skips locally.
 */
export function mountTmpfs(sizeKb: number): { dir: string; unmount: () => void } | { reason: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recip-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0777`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    const detail = (err as { stderr?: Buffer }).stderr?.toString().trim() || String(err);
    return { reason: `cannot mount a tmpfs here (${detail})` };
  }
  return {
    dir,
    unmount: () => {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export function remountReadOnly(dir: string): void {
  execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
}

/** Fails in CI, skips with a printed reason elsewhere. */
export function cannotRun(ctx: Mocha.Context, reason: string): never {
  if (process.env['CI']) throw new Error(`This check must run in CI: ${reason}`);
  console.log(`      storage: skipped (${reason})`);
  ctx.skip();
}

/** Files in `dir` left by atomic writes (name.json.<digits>), lock writes (.tmp) or claims on the save lock. */
export function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => /\.json\.\d+$/.test(n) || /\.tmp$/.test(n) || /\.save-lock\.takeover-/.test(n));
}
