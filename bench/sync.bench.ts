// Team-mode figures for `npm run bench`, measured side by side in one run on 127.0.0.1:
// - latency from one member's request to every other client seeing the event, against
//   bare Hocuspocus 3.x (a client writing straight into a shared document) as the baseline;
// - a sustained load, 50 clients × 5 requests/s × 60 s: nothing lost, nothing doubled;
// - the server's memory per retro, and the size of the sync bundle (the host bundle and the
//   .vsix are measured by activation.bench.ts).
//
// The server runs on this thread; the 50 clients run in worker threads, split like members'
// machines (CLIENT_THREADS of them), the same way for ours and for bare Hocuspocus. Writes
// alternate between the two systems, so a noisy machine weighs on both alike and the
// ratio stays fair. Times are read from one monotonic clock (process.hrtime) on all threads.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, parentPort, threadId, Worker, workerData } from 'node:worker_threads';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { Server } from '@hocuspocus/server';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { defaultDeck } from '../src/domain/decks/builtin';
import { startSession } from '../src/domain/retro';
import type { SessionEvent } from '../src/domain/types';
import { TeamClient } from '../src/sync/client';
import { startTeamServer, type TeamServer } from '../src/sync/server';
import { newToken } from '../src/sync/tokens';
import { round, runWhenMain, type BenchResult } from './lib';

const CLIENTS = 50;
const CLIENT_THREADS = Number(process.env['RECIPROCITY_BENCH_SYNC_THREADS'] ?? 4);
const WARMUP = 30;
const WRITES = Number(process.env['RECIPROCITY_BENCH_SYNC_WRITES'] ?? 200);
const LOAD_SECONDS = Number(process.env['RECIPROCITY_BENCH_LOAD_SECONDS'] ?? 60);
const LOAD_RATE = 5; // requests per second per client
const RETRO = 'bench';

type Mode = 'bare' | 'ours';
interface Setup {
  t: 'setup';
  mode: Mode;
  url: string;
  token: string;
  /** Global client indexes and names on this thread; client 0 writes, the last one is the probe. */
  clients: { index: number; name: string }[];
}
type ToWorker =
  | Setup
  | { t: 'write'; mode: Mode; k: number }
  | { t: 'load'; seconds: number; rate: number }
  | { t: 'texts'; atLeast: number }
  | { t: 'teardown'; mode: Mode };
type FromWorker =
  | { t: 'ready'; mode: Mode }
  | { t: 'sent'; mode: Mode; k: number; at: number }
  | { t: 'seen'; mode: Mode; k: number; at: number[] }
  | { t: 'loaded'; sent: number; acked: string[]; refused: number; unanswered: number; lateMs: number; cpuMs: number }
  | { t: 'texts'; texts: string[] }
  | { t: 'down'; mode: Mode }
  | { t: 'error'; message: string };

/** Milliseconds on one monotonic clock, the same on every thread of the process. */
const clock = (): number => Number(process.hrtime.bigint()) / 1e6;

/**
 * CPU time of the calling thread alone, in ms (Linux: the scheduler's own count, in ns);
 * NaN elsewhere. Node 20 has no per-thread CPU call, and process.cpuUsage counts every
 * thread: this splits the load's CPU between the server and the members' clients.
 */
function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

const quiet = (): boolean => Boolean(process.env['RECIPROCITY_BENCH_QUIET']);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

// ---------------------------------------------------------------------------------------
// A client thread: the clients of one or two systems, as some members' machines run them.

interface ClientSet {
  write(k: number): void;
  destroy(): void;
}

function workerMain(): void {
  const port = parentPort!;
  heartbeat('client thread');
  const post = (m: FromWorker): void => port.postMessage(m);
  const sets = new Map<Mode, ClientSet>();
  let ours: TeamClient[] = [];
  let probe: TeamClient | null = null;

  /** Arrival times of write k on this thread; reported once every observer here has it. */
  const arrivals = (mode: Mode, observers: number) => {
    const got = new Map<number, number[]>();
    return (k: number, at: number): void => {
      const list = got.get(k) ?? [];
      list.push(at);
      got.set(k, list);
      if (list.length === observers) {
        got.delete(k);
        post({ t: 'seen', mode, k, at: list });
      }
    };
  };

  async function setupBare(s: Setup): Promise<ClientSet> {
    const writer = s.clients.some((c) => c.index === 0);
    const arrived = arrivals('bare', s.clients.length - (writer ? 1 : 0));
    const clients = s.clients.map(({ index }) => {
      const doc = new Y.Doc();
      const provider = new HocuspocusProvider({ url: s.url, name: RETRO, document: doc, WebSocketPolyfill: WebSocket } as never);
      if (index !== 0) {
        doc.getArray<number>('x').observe((e) => {
          const at = clock();
          for (const d of e.changes.delta) for (const k of (d.insert ?? []) as number[]) arrived(k, at);
        });
      }
      return { index, doc, provider };
    });
    await until(() => clients.every((c) => c.provider.isSynced), 60_000, 'bare clients to sync');
    return {
      write: (k) => {
        const w = clients.find((c) => c.index === 0)!;
        const at = clock();
        w.doc.getArray<number>('x').push([k]);
        post({ t: 'sent', mode: 'bare', k, at });
      },
      destroy: () => clients.forEach((c) => (c.provider.destroy(), c.doc.destroy())),
    };
  }

  async function setupOurs(s: Setup): Promise<ClientSet> {
    const writerHere = s.clients.some((c) => c.index === 0);
    const arrived = arrivals('ours', s.clients.length - (writerHere ? 1 : 0));
    const cursors = s.clients.map(() => 0);
    const clients = s.clients.map(({ index }, j) => {
      const scan = (c: TeamClient): void => {
        if (index === 0) return;
        const events = c.follower.events;
        if (cursors[j]! > events.length) cursors[j] = 0; // rebuilt
        let at = 0;
        for (let i = cursors[j]!; i < events.length; i++) {
          const e = events[i]!;
          if (e.type !== 'contribution.added' || !e.text.startsWith('lat ')) continue;
          at ||= clock();
          arrived(Number(e.text.slice(4)), at);
        }
        cursors[j] = events.length;
      };
      return new TeamClient({ url: s.url, retro: RETRO, token: s.token, onChange: scan });
    });
    const joined = await Promise.all(clients.map((c, j) => c.join(s.clients[j]!.name)));
    const refused = joined.find((j) => !j.ok);
    if (refused && !refused.ok) throw new Error(`join refused: ${refused.error}`);
    ours = clients;
    probe = clients[clients.length - 1]!;
    const writer = clients[s.clients.findIndex((c) => c.index === 0)];
    return {
      write: (k) => {
        const at = clock();
        void writer!.request({ kind: 'contribute', memberId: writer!.seat!.memberId, text: `lat ${k}`, pass: false });
        post({ t: 'sent', mode: 'ours', k, at });
      },
      destroy: () => clients.forEach((c) => c.destroy()),
    };
  }

  /** Each client sends `rate` requests a second, spread over the second, for `seconds`. */
  async function load(seconds: number, rate: number): Promise<void> {
    const acked: string[] = [];
    let refused = 0;
    let sent = 0;
    /** How late a request went out, at worst, against its place in the plan. */
    let lateMs = 0;
    const pending = new Set<Promise<unknown>>();
    const period = 1000 / rate;
    const cpu0 = threadCpuMs();
    const start = clock();
    // Each client sends exactly its share of the plan (a last tick landing a hair before
    // the end no longer adds one), or fewer when this machine cannot keep the rate. A send
    // may go out up to one period after the end: the last one is planned a few ms before
    // it, and a client that is late by less than one slot still kept the rate (how late it
    // was, at worst, is printed as its own figure).
    const share = Math.round(seconds * rate);
    const cutoff = seconds * 1000 + period;
    const timers = ours.map((c, j) => {
      let n = 0;
      const fire = (): void => {
        const text = `load ${c.seat!.name} #${n++}`;
        sent++;
        const p = c.request({ kind: 'contribute', memberId: c.seat!.memberId, text, pass: false }).then((r) => (r.ok ? acked.push(text) : refused++));
        pending.add(p);
        void p.finally(() => pending.delete(p));
      };
      // Staggered: the members do not all press Enter in the same millisecond.
      return setTimeout(function tick() {
        if (n >= share || clock() - start >= cutoff) return;
        lateMs = Math.max(lateMs, clock() - (start + n * period + (j * period) / ours.length));
        fire();
        const next = start + n * period + (j * period) / ours.length;
        timers[j] = setTimeout(tick, Math.max(0, next - clock()));
      }, (j * period) / ours.length);
    });
    await new Promise((resolve) => setTimeout(resolve, cutoff + 50));
    timers.forEach(clearTimeout);
    const unanswered = await Promise.race([Promise.all(pending).then(() => 0), new Promise<number>((resolve) => setTimeout(() => resolve(pending.size), 30_000))]);
    post({ t: 'loaded', sent, acked, refused, unanswered, lateMs, cpuMs: threadCpuMs() - cpu0 });
  }

  async function texts(atLeast: number): Promise<void> {
    const p = probe!;
    const count = () => p.follower.events.filter((e) => e.type === 'contribution.added' && e.text.startsWith('load ')).length;
    await until(() => count() >= atLeast, 30_000, 'the probe to see every acknowledged request').catch(() => undefined);
    post({ t: 'texts', texts: p.follower.replica.state.contributions.map((c) => c.text).filter((t) => t.startsWith('load ')) });
  }

  async function handle(m: ToWorker): Promise<void> {
    if (m.t === 'setup') {
      sets.set(m.mode, m.mode === 'bare' ? await setupBare(m) : await setupOurs(m));
      post({ t: 'ready', mode: m.mode });
    } else if (m.t === 'write') sets.get(m.mode)!.write(m.k);
    else if (m.t === 'load') await load(m.seconds, m.rate);
    else if (m.t === 'texts') await texts(m.atLeast);
    else {
      sets.get(m.mode)?.destroy();
      sets.delete(m.mode);
      post({ t: 'down', mode: m.mode });
    }
  }
  port.on('message', (m: ToWorker) => {
    handle(m).catch((err: unknown) => post({ t: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
  });
}

/** RECIPROCITY_BENCH_SYNC_TRACE=file: each thread notes every second that its event loop turns. */
function heartbeat(who: string): void {
  const file = process.env['RECIPROCITY_BENCH_SYNC_TRACE'];
  if (!file) return;
  setInterval(() => appendFileSync(file, `${new Date().toISOString()} ${who} ${threadId}\n`), 1_000).unref();
}

async function until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// ---------------------------------------------------------------------------------------
// This thread: the servers, and the threads of clients.

class Pool {
  readonly workers: Worker[];
  private inbox: { from: number; m: FromWorker }[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;

  constructor(n: number) {
    // tsx does not register itself in worker threads: the worker loads it first.
    const code = `require('tsx/cjs'); require(${JSON.stringify(__filename)});`;
    this.workers = Array.from({ length: n }, (_, i) => {
      const w = new Worker(code, { eval: true, workerData: { syncBenchClients: true } });
      w.on('message', (m: FromWorker) => {
        if (m.t === 'error') this.failure = new Error(`client thread ${i}: ${m.message}`);
        else this.inbox.push({ from: i, m });
        this.wake?.();
      });
      w.on('error', (err) => {
        this.failure = err;
        this.wake?.();
      });
      return w;
    });
  }

  send(i: number, m: ToWorker): void {
    this.workers[i]!.postMessage(m);
  }

  broadcast(m: ToWorker): void {
    for (let i = 0; i < this.workers.length; i++) this.send(i, m);
  }

  /** Takes the first message that `pick` accepts, waiting up to `timeoutMs`. */
  async take<T>(pick: (m: FromWorker, from: number) => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.failure) throw this.failure;
      for (let i = 0; i < this.inbox.length; i++) {
        const got = pick(this.inbox[i]!.m, this.inbox[i]!.from);
        if (got !== undefined) {
          this.inbox.splice(i, 1);
          return got;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  async all<T>(pick: (m: FromWorker, from: number) => T | undefined, timeoutMs: number, what: string): Promise<T[]> {
    const out: T[] = [];
    const from = new Set<number>();
    while (from.size < this.workers.length) {
      out.push(await this.take((m, i) => (from.has(i) ? undefined : (() => { const v = pick(m, i); if (v !== undefined) from.add(i); return v; })()), timeoutMs, what));
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Which clients live on which thread: round robin, so the writer (0) and the probe (last) differ. */
function split(names: string[], threads: number): { index: number; name: string }[][] {
  const out = Array.from({ length: threads }, () => [] as { index: number; name: string }[]);
  names.forEach((name, index) => out[index % threads]!.push({ index, name }));
  return out;
}

async function setUp(pool: Pool, mode: Mode, url: string, token: string, names: string[]): Promise<void> {
  split(names, pool.workers.length).forEach((clients, i) => pool.send(i, { t: 'setup', mode, url, token, clients }));
  await pool.all((m) => (m.t === 'ready' && m.mode === mode ? true : undefined), 120_000, `${mode} clients to connect`);
}

/** One write from client 0; resolves with the latency to each of the other 49 clients. */
async function oneWrite(pool: Pool, mode: Mode, k: number): Promise<number[]> {
  pool.send(0, { t: 'write', mode, k });
  const sent = await pool.take((m) => (m.t === 'sent' && m.mode === mode && m.k === k ? m.at : undefined), 30_000, `${mode} write ${k} to go out`);
  const seen = await pool.all((m) => (m.t === 'seen' && m.mode === mode && m.k === k ? m.at : undefined), 30_000, `${mode} write ${k} to reach every client`);
  return seen.flat().map((at) => at - sent);
}

async function teamServer(): Promise<{ server: TeamServer; names: string[]; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'recip-bench-'));
  const server = await startTeamServer({ port: 0, dataDir: dir, facilitatorToken: newToken(), memberKey: newToken(), throttle: false });
  const names = Array.from({ length: CLIENTS }, (_, i) => `Member ${i + 1}`);
  const events = startSession({ title: 'Bench', teamId: 'bench', members: names, deck: defaultDeck(), settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 }, now: Date.now(), newId: () => globalThis.crypto.randomUUID(), recentPromptIds: [] });
  await (await server.open(RETRO)).seed(events);
  return {
    server,
    names,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Loaded {
  /** Fewer than planned when this machine could not even send at the rate. */
  sent: number;
  /** The latest any request went out against its place in the plan (client threads' event loops behind). */
  lateMs: number;
  /** Load requests the authority applied (in its log). */
  applied: number;
  acked: number;
  refused: number;
  unanswered: number;
  lost: number;
  duplicated: number;
  /** CPU time of the client threads (all 50 members' clients) over the load. */
  clientCpuMs: number;
}

async function load(pool: Pool, server: TeamServer): Promise<Loaded> {
  pool.broadcast({ t: 'load', seconds: LOAD_SECONDS, rate: LOAD_RATE });
  const reports = await pool.all((m) => (m.t === 'loaded' ? m : undefined), (LOAD_SECONDS + 60) * 1000, 'the load to finish');
  const acked = reports.flatMap((r) => r.acked);
  const last = pool.workers.length - 1; // the probe's thread
  pool.send(last, { t: 'texts', atLeast: acked.length });
  const seenByProbe = await pool.take((m) => (m.t === 'texts' ? m.texts : undefined), 60_000, 'the probe’s answers');
  const logged = (server.authority(RETRO)?.events ?? []).flatMap((e: SessionEvent) => (e.type === 'contribution.added' && e.text.startsWith('load ') ? [e.text] : []));
  const lostFrom = (texts: string[]): number => {
    const have = new Set(texts);
    return acked.filter((t) => !have.has(t)).length;
  };
  const doubled = (texts: string[]): number => texts.length - new Set(texts).size;
  return {
    sent: reports.reduce((n, r) => n + r.sent, 0),
    lateMs: Math.max(...reports.map((r) => r.lateMs)),
    applied: logged.length,
    acked: acked.length,
    refused: reports.reduce((n, r) => n + r.refused, 0),
    unanswered: reports.reduce((n, r) => n + r.unanswered, 0),
    lost: Math.max(lostFrom(seenByProbe), lostFrom(logged)),
    duplicated: Math.max(doubled(seenByProbe), doubled(logged)),
    clientCpuMs: reports.reduce((n, r) => n + r.cpuMs, 0),
  };
}

/** A garbage collection on demand, without asking the runner for --expose-gc. */
function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Heap added per open retro (12 members, 100 answers each), with RETROS of them open. */
async function memoryPerRetro(): Promise<{ perRetroKiB: number; retros: number }> {
  const RETROS = 20;
  const dir = mkdtempSync(join(tmpdir(), 'recip-bench-mem-'));
  const server = await startTeamServer({ port: 0, dataDir: dir, facilitatorToken: newToken(), memberKey: newToken(), throttle: false });
  const gc = gcFunction();
  gc();
  const before = process.memoryUsage().heapUsed;
  const names = Array.from({ length: 12 }, (_, i) => `Member ${i + 1}`);
  for (let r = 0; r < RETROS; r++) {
    const events = startSession({ title: `Retro ${r}`, teamId: 't', members: names, deck: defaultDeck(), settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 }, now: Date.now(), newId: () => globalThis.crypto.randomUUID(), recentPromptIds: [] });
    const a = await server.open(`retro-${r}`);
    await a.seed(events);
    const ids = a.state.members.map((m) => m.id);
    for (let i = 0; i < 100; i++) {
      await a.handle({ role: 'facilitator' }, `intent-${r}-${i}`, { kind: 'contribute', memberId: ids[i % ids.length]!, text: `A typical answer of a dozen words or so, number ${i}`, pass: false });
    }
  }
  gc();
  const perRetroKiB = (process.memoryUsage().heapUsed - before) / RETROS / 1024;
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  return { perRetroKiB, retros: RETROS };
}

const size = (file: string): number => round(statSync(join(__dirname, '..', 'dist', file)).size / 1024, 1);

export async function run(): Promise<BenchResult[]> {
  const t0 = Date.now();
  const phase = (what: string): void => {
    if (!quiet()) console.error(`[sync bench] ${what} (${round((Date.now() - t0) / 1000, 1)} s)`);
  };
  heartbeat('main');
  const pool = new Pool(CLIENT_THREADS);
  const bareServer = new Server({ port: 0, address: '127.0.0.1', quiet: true });
  const team = await teamServer();
  let latency: { bare: number[]; ours: number[] };
  let loaded: Loaded;
  /** CPU time of the whole process (server and every client thread) over the load phase. */
  let loadCpuMs = 0;
  /** CPU time of this thread alone over the load: the server (Hocuspocus, the authority, storage). */
  let serverCpuMs = 0;
  /** Yjs updates the authority sent out over the load (each goes to every client). */
  let updates = 0;
  try {
    await bareServer.listen();
    await setUp(pool, 'bare', `ws://127.0.0.1:${bareServer.address.port}`, '', team.names);
    await setUp(pool, 'ours', team.server.url, team.server.memberTokenFor(RETRO), team.names);
    phase(`${CLIENTS} clients of each on ${CLIENT_THREADS} threads`);
    latency = { bare: [], ours: [] };
    // Alternating, one write at a time; the first ones warm up sockets and the JIT.
    for (let k = 0; k < WARMUP + WRITES; k++) {
      for (const mode of k % 2 === 0 ? (['bare', 'ours'] as const) : (['ours', 'bare'] as const)) {
        const times = await oneWrite(pool, mode, k);
        if (k >= WARMUP) latency[mode].push(...times);
      }
    }
    phase('latency');
    pool.broadcast({ t: 'teardown', mode: 'bare' });
    await pool.all((m) => (m.t === 'down' && m.mode === 'bare' ? true : undefined), 30_000, 'bare clients to close');
    const progress = setInterval(() => phase(`load: ${team.server.authority(RETRO)?.events.length ?? 0} events in the log`), 5_000);
    const countUpdate = (): void => void updates++;
    const doc = team.server.authority(RETRO)!.doc;
    doc.on('update', countUpdate);
    const cpu0 = process.cpuUsage();
    const thread0 = threadCpuMs();
    try {
      loaded = await load(pool, team.server);
      serverCpuMs = threadCpuMs() - thread0;
      doc.off('update', countUpdate);
      const cpu = process.cpuUsage(cpu0);
      loadCpuMs = (cpu.user + cpu.system) / 1000;
    } finally {
      clearInterval(progress);
    }
    phase('load');
  } finally {
    phase('closing');
    await pool.close();
    phase('client threads closed');
    await bareServer.destroy();
    await team.close();
    phase('servers closed');
  }
  const memory = await memoryPerRetro();
  phase('memory');
  // Everything is closed by now; should a library keep a handle open, the runner (which
  // waits for this process) is not held forever.
  setTimeout(() => {
    console.error('[sync bench] something kept the process alive after the bench; exiting');
    process.exit();
  }, 15_000).unref();
  const bare99 = percentile(latency.bare, 99);
  const ours99 = percentile(latency.ours, 99);
  const loadName = `sync.load_${CLIENTS}x${LOAD_RATE}_per_s_${LOAD_SECONDS}s`;
  return [
    { name: `sync.latency_p50_${CLIENTS}_clients`, value: round(percentile(latency.ours, 50), 2), unit: 'ms', budget: 10 },
    { name: `sync.latency_p99_${CLIENTS}_clients`, value: round(ours99, 2), unit: 'ms', budget: 15 },
    // The baseline, measured in the same run: shown beside ours, gated only through the ratio.
    { name: `sync.bare_hocuspocus_p50_${CLIENTS}_clients`, value: round(percentile(latency.bare, 50), 2), unit: 'ms', budget: 0, reference: true },
    { name: `sync.bare_hocuspocus_p99_${CLIENTS}_clients`, value: round(bare99, 2), unit: 'ms', budget: 0, reference: true },
    { name: 'sync.latency_p99_vs_bare_hocuspocus', value: round(ours99 / bare99, 2), unit: 'x', budget: 1.5 },
    { name: `${loadName}_lost`, value: loaded.lost, unit: 'events', budget: 0 },
    { name: `${loadName}_duplicated`, value: loaded.duplicated, unit: 'events', budget: 0 },
    { name: `${loadName}_unanswered`, value: loaded.unanswered + loaded.refused, unit: 'requests', budget: 0 },
    // All of the plan went out (at least 50 × 5 × 60; never more, see load()).
    { name: `${loadName}_sent`, value: loaded.sent, unit: 'requests', budget: CLIENTS * Math.round(LOAD_RATE * LOAD_SECONDS), higherIsBetter: true },
    { name: `${loadName}_acknowledged`, value: loaded.acked, unit: 'requests', budget: loaded.sent, higherIsBetter: true },
    // Why fewer went out, when they did: how far behind the plan the clients fell, at worst.
    { name: `${loadName}_latest_send_behind_plan`, value: round(loaded.lateMs, 1), unit: 'ms', budget: 0, reference: true },
    // What an applied request costs in CPU time, the server's and all 50 clients' together,
    // whatever else the machine runs (wall times above stretch with a busy machine, this
    // much less; the clients' sending and waiting is in it too).
    { name: `${loadName}_cpu_per_request_all_threads`, value: round(loadCpuMs / Math.max(1, loaded.applied), 3), unit: 'ms', budget: 0, reference: true },
    // The same split by thread (Linux only): the server's thread, and the members' clients
    // (each request reaches all 50). The rest is V8's helper threads (GC) and libuv's pool.
    { name: `${loadName}_cpu_per_request_server_thread`, value: round(serverCpuMs / Math.max(1, loaded.applied), 3), unit: 'ms', budget: 0, reference: true },
    { name: `${loadName}_cpu_per_request_client_threads`, value: round(loaded.clientCpuMs / Math.max(1, loaded.applied), 3), unit: 'ms', budget: 0, reference: true },
    // Requests that arrive together are shared in one update (a batch): near 1 when the
    // server keeps up, more when it falls behind.
    { name: `${loadName}_requests_per_update`, value: round(loaded.applied / Math.max(1, updates), 2), unit: 'requests', budget: 0, reference: true },
    { name: `sync.server_memory_per_retro_12x100_${memory.retros}_open`, value: round(memory.perRetroKiB, 1), unit: 'KiB', budget: 2048 },
    { name: 'bundle.sync_js', value: size('sync.js'), unit: 'KiB', budget: 900 },
  ];
}

if (isMainThread) runWhenMain(module, run);
else if ((workerData as { syncBenchClients?: boolean } | null)?.syncBenchClients) workerMain();
