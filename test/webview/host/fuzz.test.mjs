// Issue 12: fuzzing the host's webview message handlers. At least 10,000 malformed or
// mutated messages go into RetroPanel (over a real RetroController and SessionStore) and
// SummaryPanel, through the stub `vscode` module, from a printed seed (FUZZ_SEED=<n>
// replays a run). Nothing may throw out of a handler; every message the protocol refuses
// gets an error reply and a log line; a refused message changes nothing (the session log
// and the file on disk are compared before and after).
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOSTILE } from '../../fixtures/hostile/index.mjs';
import { bundleHost } from './bundleHost.mjs';
import * as vscode from '../summary/vscodeStub.mjs';

const EXT = vscode.Uri.file('/ext');
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const COUNT = 10_000;
// Lets every pending promise job run: the handlers' replies are posted from promise jobs (the
// stub's postMessage is synchronous). setImmediate runs after them, without the 1 ms (or,
// on a busy machine, several) that a setTimeout(0) waits, 15,000 times.
const tick = () => new Promise((r) => setImmediate(r));
// The ~1,200 valid intents are each saved (lock, read, merge, fsync, rename): in memory where
// there is a tmpfs, which takes the disk's fsync latency out of the run but not the store's code.
const SESSIONS_ROOT = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();

/** mulberry32: small, seedable, good enough to pick mutations. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bundle() {
  return bundleHost('fuzz-host', [
        "export { RetroPanel } from './src/host/retroPanel';",
        "export { RetroController } from './src/host/retroController';",
        "export { SessionStore } from './src/host/sessionStore';",
        "export { SessionLock } from './src/host/sessionLock';",
        "export { SummaryPanel } from './src/host/summaryPanel';",
        "export { startSession } from './src/domain/retro';",
        "export { sessionFileFromEvents } from './src/domain/persistence';",
        "export { defaultDeck } from './src/domain/decks/builtin';",
        "export { parseWebviewMessage, parseHostMessage } from './src/protocol';",
        "export { parseSummaryWebviewMessage, parseSummaryHostMessage } from './src/summaryProtocol';",
  ]);
}

/** Valid messages to mutate, for the retro panel. */
function retroSeeds(members) {
  const [a, b] = members;
  const intents = [
    { kind: 'contribute', memberId: a, text: 'hello', pass: false },
    { kind: 'contribute', memberId: b, text: '', pass: true, seconds: 12 },
    { kind: 'startTurn', memberId: a },
    { kind: 'nextSpeaker' },
    { kind: 'stage', move: 'deeper' },
    { kind: 'setPhase', phase: 'gather', skip: false },
    { kind: 'addMember', name: 'Cy' },
    { kind: 'setPresence', memberId: b, present: false },
    { kind: 'addNote', text: 'n', column: 'Ideas', memberId: null },
    { kind: 'vote', memberId: a, noteId: 'n1', retract: false },
    { kind: 'addAction', text: 'a', ownerId: null, due: 'friday' },
    { kind: 'updateAction', actionId: 'a1', done: true },
    { kind: 'checkout', memberId: a, text: 'bye', roti: 4 },
    { kind: 'renameRetro', title: 'New title' },
    { kind: 'dismissNudge', nudgeId: 'x' },
    { kind: 'endRetro' },
  ];
  return [
    { type: 'ready' },
    { type: 'log', level: 'info', message: 'hi' },
    { type: 'team', action: 'copyCode' },
    ...intents.map((intent, i) => ({ type: 'intent', requestId: i, intent })),
  ];
}

const SUMMARY_SEEDS = [
  { type: 'ready' },
  { type: 'setOptions', options: { pseudonymise: true, namedTable: false } },
  { type: 'export', format: 'markdown' },
  { type: 'log', level: 'warn', message: 'x' },
];

/** One mutation of a JSON value: a wrong type, a dropped or extra key, hostile text, odd numbers. */
function mutate(value, r, depth = 0) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const odd = () =>
    pick([null, undefined, true, 0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, '', '0', [], {}, [1, 2], { a: 1 }, pick(HOSTILE).text, 'x'.repeat(3000 + Math.floor(r() * 20_000)), '__proto__', 'constructor', Symbol.iterator.toString()]);
  if (value === null || typeof value !== 'object' || depth > 3) return r() < 0.5 ? odd() : value;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  const op = Math.floor(r() * 6);
  if (op === 0 && keys.length) delete copy[pick(keys)];
  else if (op === 1) copy[pick(['extra', '__proto__', 'constructor', 'toString', pick(keys) ?? 'x', pick(HOSTILE).text.slice(0, 20)])] = odd();
  else if (op === 2 && keys.length) copy[pick(keys)] = odd();
  else if (op === 3 && keys.length) {
    const k = pick(keys);
    copy[k] = mutate(copy[k], r, depth + 1);
  } else if (op === 4 && keys.length) copy[pick(keys)] = typeof copy[pick(keys)] === 'string' ? pick(HOSTILE).text : odd();
  else return pick([copy, [copy], JSON.stringify(copy), odd()]);
  return copy;
}

describe(`host message fuzzing (issue 12), FUZZ_SEED=${SEED}`, function () {
  this.timeout(120_000);
  let H;
  let built;
  let dir;
  const quiet = ['log', 'warn', 'error'].map((k) => [k, console[k]]);
  before(async () => {
    console.log(`      FUZZ_SEED=${SEED} (set it to replay this run)`);
    built = await bundle();
    H = built.host;
  });
  after(() => built && rmSync(built.dir, { recursive: true, force: true }));
  beforeEach(() => {
    vscode.reset();
    for (const [k] of quiet) console[k] = () => {};
    dir = mkdtempSync(path.join(SESSIONS_ROOT, 'fuzz-sessions-'));
  });
  afterEach(async () => {
    vscode.calls.panels.forEach((p) => p.dispose());
    await tick();
    for (const [k, fn] of quiet) console[k] = fn;
    rmSync(dir, { recursive: true, force: true });
  });

  it(`RetroPanel: ${COUNT} mutated messages; refused ones get an error and change nothing`, async () => {
    const r = rng(SEED);
    const store = new H.SessionStore(() => dir);
    const events = H.startSession({
      title: 'Fuzz', teamId: 't', members: ['Ada', 'Bo'], deck: H.defaultDeck(),
      settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 }, now: Date.now(), newId: () => globalThis.crypto.randomUUID(), recentPromptIds: [],
    });
    const file = await store.save(H.sessionFileFromEvents(events));
    const members = events.filter((e) => e.type === 'member.added').map((e) => e.memberId);
    const got = await H.SessionLock.acquire(store.pathFor(file.id), 'fuzz');
    assert.equal(got.acquired, true);
    const controller = new H.RetroController(file, store, {}, [], got.lock);
    const panel = H.RetroPanel.create(EXT, controller, { openSummary: () => undefined });
    const fake = vscode.calls.panels.at(-1);
    fake.receive({ type: 'ready' });
    await tick();
    const seeds = retroSeeds(members);
    const unhandled = [];
    const onUnhandled = (e) => unhandled.push(String(e));
    process.on('unhandledRejection', onUnhandled);
    let refused = 0;
    let valid = 0;
    try {
      for (let i = 0; i < COUNT; i++) {
        const msg = mutate(seeds[Math.floor(r() * seeds.length)], r);
        const check = H.parseWebviewMessage(msg);
        const logBefore = controller.log.length;
        const diskBefore = readFileSync(store.pathFor(file.id), 'utf8');
        const posted = fake.posted.length;
        const logs = vscode.calls.logs.length;
        assert.doesNotThrow(() => fake.receive(msg), `message ${i}`);
        if (check.ok) {
          valid++;
          // A valid message is served (awaited so the next one sees its state); it may be refused by the domain.
          if (check.value.type === 'intent') {
            await waitFor(() => fake.posted.slice(posted).some((m) => (m.type === 'ack' || m.type === 'error') && m.requestId === check.value.requestId), `reply to valid message ${i}`);
            const reply = fake.posted.slice(posted).find((m) => m.requestId === check.value.requestId);
            if (reply.type === 'error') assert.equal(controller.log.length, logBefore, `message ${i}: a refused intent added events`);
          }
          continue;
        }
        refused++;
        await tick();
        // The heartbeat (RetroPanel.heartbeatMs) may fall between two messages: it is no reply.
        const replies = fake.posted.slice(posted).filter((m) => m.type !== 'alive');
        assert.equal(replies.length, 1, `message ${i}: one reply, got ${JSON.stringify(replies).slice(0, 200)}`);
        assert.equal(replies[0].type, 'error');
        assert.match(replies[0].message, /^Message rejected: [^]*\S[^]*: \S/, `message ${i}: ${JSON.stringify(replies[0].message.slice(0, 200))}`);
        assert.ok(replies[0].message.length < 2000, `message ${i}: the error echoes a huge input back (${replies[0].message.length} chars: ${replies[0].message.slice(0, 150)})`);
        assert.equal(H.parseHostMessage(replies[0]).ok, true, `message ${i}: the error reply is a valid host message`);
        assert.ok(vscode.calls.logs.slice(logs).some((l) => /^warn .*rejected webview message: /.test(l)), `message ${i}: logged`);
        assert.equal(controller.log.length, logBefore, `message ${i}: events were added`);
        assert.equal(readFileSync(store.pathFor(file.id), 'utf8'), diskBefore, `message ${i}: the file changed`);
      }
      await tick();
      assert.deepEqual(unhandled, [], 'no rejection escaped a handler');
      assert.ok(refused >= COUNT / 2, `refused ${refused}, valid ${valid}`);
      console.log(`      ${refused} refused, ${valid} valid`);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      panel.dispose();
      controller.dispose();
      await got.lock.release();
    }
  });

  it(`SummaryPanel: ${COUNT / 2} mutated messages; refused ones get an error and trigger nothing`, async () => {
    const r = rng(SEED ^ 0x5bd1e995);
    let builds = 0;
    let exports = 0;
    const provider = {
      key: 'k', title: 'T',
      build: async () => {
        builds++;
        throw new Error('no summary in this test');
      },
      export: async () => void exports++,
    };
    H.SummaryPanel.show(EXT, provider, { pseudonymise: false, namedTable: false });
    const fake = vscode.calls.panels.at(-1);
    fake.receive({ type: 'ready' });
    await tick();
    const unhandled = [];
    const onUnhandled = (e) => unhandled.push(String(e));
    process.on('unhandledRejection', onUnhandled);
    try {
      for (let i = 0; i < COUNT / 2; i++) {
        const msg = mutate(SUMMARY_SEEDS[Math.floor(r() * SUMMARY_SEEDS.length)], r);
        const check = H.parseSummaryWebviewMessage(msg);
        const before = { builds, exports, posted: fake.posted.length };
        assert.doesNotThrow(() => fake.receive(msg), `message ${i}`);
        await tick();
        if (check.ok) continue;
        assert.equal(builds, before.builds, `message ${i}: a rebuild`);
        assert.equal(exports, before.exports, `message ${i}: an export`);
        const replies = fake.posted.slice(before.posted);
        assert.equal(replies.length, 1, `message ${i}`);
        assert.equal(replies[0].type, 'error');
        assert.match(replies[0].message, /^Rejected a malformed message \(/);
        assert.equal(H.parseSummaryHostMessage(replies[0]).ok, true, `message ${i}: the reply is not a valid host message (${replies[0].message.length} chars: ${replies[0].message.slice(0, 150)})`);
      }
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

async function waitFor(predicate, what, ms = 5000) {
  const until = Date.now() + ms;
  // A save takes a few fs round trips: check again as soon as the event loop has served I/O
  // (setImmediate), and only after a while fall back to 1 ms sleeps so as not to spin.
  for (let polls = 0; !predicate(); polls++) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => (polls < 500 ? setImmediate(r) : setTimeout(r, 1)));
  }
}
