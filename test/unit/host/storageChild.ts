// A child process for the storage tests (storageRobustness.test.ts, killedSaves.test.ts):
// another VS Code window's extension host, reduced to the session store and the lock.
// The tests bundle this file with esbuild and run it with plain node, so a child starts
// in tens of milliseconds. It prints `ACK <event id>` only after a save has resolved.
import { SessionLock } from '../../../src/host/sessionLock';
import { SessionStore } from '../../../src/host/sessionStore';
import type { SessionEvent, SessionFile } from '../../../src/domain/types';

const [mode, ...args] = process.argv.slice(2);

function note(tag: string, n: number): SessionEvent {
  return { id: `${tag}-${n}`, at: Date.now(), actor: 'fac', type: 'note.added', noteId: `${tag}-n${n}`, memberId: null, text: `note ${n} from ${tag} `.repeat(8), column: 'went-well' };
}

/** Appends `count` events one save at a time, like a window after each intent; prints an ack per save. */
async function write(dir: string, id: string, count: number, tag: string): Promise<void> {
  const store = new SessionStore(() => dir);
  let file: SessionFile = await store.load(id);
  for (let n = 0; n < count; n++) {
    const e = note(tag, n);
    file = await store.save({ ...file, events: [...file.events, e] });
    process.stdout.write(`ACK ${e.id}\n`);
  }
}

/**
 * The scripted retro of the kill test. It starts warm (modules loaded) and waits for a line
 * on stdin, so the parent can start it the moment the previous one is killed; then it takes
 * the lock as the same window (a reload), says READY and saves forever.
 */
async function retro(dir: string, id: string, tag: string): Promise<void> {
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const store = new SessionStore(() => dir);
  const lock = await SessionLock.acquire(store.pathFor(id), 'the-window');
  if (!lock.acquired) throw new Error(`lock not acquired: ${lock.reason}`);
  let file = await store.load(id);
  process.stdout.write('READY\n');
  for (let n = 0; ; n++) {
    const e = note(tag, n);
    file = await store.save({ ...file, events: [...file.events, e] });
    process.stdout.write(`ACK ${e.id}\n`);
  }
}

/** Run as another user in a folder that user cannot write: what a window would get. */
async function readOnlyCheck(dir: string, id: string): Promise<void> {
  const store = new SessionStore(() => dir);
  const lock = await SessionLock.acquire(store.pathFor(id), 'window');
  const opened = await store.open(id);
  const saveError = await store.save({ ...opened.file, events: [...opened.file.events, note('ro', 0)] }).then(
    () => null,
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );
  process.stdout.write(`${JSON.stringify({ uid: process.getuid?.(), lock, events: opened.file.events.length, listed: (await store.list()).sessions.length, saveError })}\n`);
}

/** Lock races: the parent says when to acquire (a shared wall-clock instant) and when to release. */
function lockServer(sessionPath: string, owner: string): void {
  let held: SessionLock | null = null;
  process.on('message', (m: { go?: number; release?: boolean; exit?: boolean }) => {
    void (async () => {
      if (m.go !== undefined) {
        while (Date.now() < m.go) {
          // spin until the shared instant, so both children race for real
        }
        const r = await SessionLock.acquire(sessionPath, owner);
        held = r.acquired ? r.lock : null;
        process.send?.({ acquired: r.acquired });
      } else if (m.release) {
        await held?.release();
        held = null;
        process.send?.({ released: true });
      } else if (m.exit) process.exit(0);
    })().catch((err: unknown) => process.send?.({ error: String(err) }));
  });
  process.send?.({ ready: true });
}

const main = async (): Promise<void> => {
  if (mode === 'write') await write(args[0], args[1], Number(args[2]), args[3]);
  else if (mode === 'retro') await retro(args[0], args[1], args[2]);
  else if (mode === 'lock') lockServer(args[0], args[1]);
  else if (mode === 'readonly-check') await readOnlyCheck(args[0], args[1]);
  else throw new Error(`unknown mode ${mode}`);
};
main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(3);
});
