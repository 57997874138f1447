// Team-mode figures for `npm run bench`, measured side by side in one run on 127.0.0.1:
// latency from one member's request to every other client seeing the event, against bare
// Hocuspocus (a client writing straight into the shared document) as the baseline; a
// sustained load (nothing lost, nothing doubled); the server's memory per retro; and the
// bundle sizes the extension ships.
import { statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { Server } from '@hocuspocus/server';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { defaultDeck } from '../src/domain/decks/builtin';
import { startSession } from '../src/domain/retro';
import { TeamClient } from '../src/sync/client';
import { startTeamServer } from '../src/sync/server';
import { newToken } from '../src/sync/tokens';
import { round, runWhenMain, type BenchResult } from './lib';

const CLIENTS = 50;
const WRITES = 200;
const LOAD_SECONDS = Number(process.env['RECIPROCITY_BENCH_LOAD_SECONDS'] ?? 60);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

const until = async (test: () => boolean, timeoutMs = 30_000): Promise<void> => {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setImmediate(resolve));
  }
};

async function bareHocuspocus(): Promise<number[]> {
  const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
  await server.listen();
  const url = `ws://127.0.0.1:${server.address.port}`;
  const arrivals: number[] = [];
  let sentAt = 0;
  let expected = -1;
  let seen = 0;
  const providers = Array.from({ length: CLIENTS }, (_, i) => {
    const doc = new Y.Doc();
    const p = new HocuspocusProvider({ url, name: 'bare', document: doc, WebSocketPolyfill: WebSocket } as never);
    if (i > 0) {
      doc.getArray<number>('x').observe((e) => {
        for (const d of e.changes.delta) for (const k of (d.insert ?? []) as number[]) if (k === expected) {
          arrivals.push(performance.now() - sentAt);
          seen++;
        }
      });
    }
    return { p, doc };
  });
  await until(() => providers.every(({ p }) => p.isSynced));
  for (let k = 0; k < WRITES; k++) {
    seen = 0;
    expected = k;
    sentAt = performance.now();
    providers[0]!.doc.getArray<number>('x').push([k]);
    await until(() => seen === CLIENTS - 1);
  }
  for (const { p } of providers) p.destroy();
  await server.destroy();
  return arrivals;
}

async function withTeam<T>(fn: (clients: TeamClient[], memory: () => number) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'recip-bench-'));
  const server = await startTeamServer({ port: 0, dataDir: dir, facilitatorToken: newToken(), memberKey: newToken(), throttle: false });
  const names = Array.from({ length: CLIENTS }, (_, i) => `Member ${i + 1}`);
  const events = startSession({ title: 'Bench', teamId: 'bench', members: names, deck: defaultDeck(), settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 }, now: Date.now(), newId: () => globalThis.crypto.randomUUID(), recentPromptIds: [] });
  await (await server.open('bench')).seed(events);
  const clients = names.map(() => new TeamClient({ url: server.url, retro: 'bench', token: server.memberTokenFor('bench') }));
  const joined = await Promise.all(clients.map((c, i) => c.join(names[i]!)));
  if (!joined.every((j) => j.ok)) throw new Error('join failed');
  try {
    return await fn(clients, () => server.authority('bench')!.events.length);
  } finally {
    for (const c of clients) c.destroy();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function reciprocityLatency(): Promise<number[]> {
  return withTeam(async (clients) => {
    const arrivals: number[] = [];
    let sentAt = 0;
    let expected = '';
    let seen = 0;
    const counts = clients.map(() => 0);
    clients.forEach((c, i) => {
      if (i === 0) return;
      c.doc.getArray('events').observe(() => {
        const cs = c.follower.replica.state.contributions;
        if (cs.length > counts[i]! && cs[cs.length - 1]!.text === expected) {
          counts[i] = cs.length;
          arrivals.push(performance.now() - sentAt);
          seen++;
        }
      });
    });
    const writer = clients[0]!;
    for (let k = 0; k < WRITES; k++) {
      seen = 0;
      expected = `said ${k}`;
      sentAt = performance.now();
      void writer.request({ kind: 'contribute', memberId: writer.seat!.memberId, text: expected, pass: false });
      await until(() => seen === CLIENTS - 1);
    }
    return arrivals;
  });
}

async function load(): Promise<{ lost: number; duplicated: number; acked: number }> {
  return withTeam(async (clients) => {
    const acked: string[] = [];
    const pending: Promise<unknown>[] = [];
    const end = Date.now() + LOAD_SECONDS * 1000;
    let k = 0;
    // 5 requests per second from each of the 50 clients.
    while (Date.now() < end) {
      const tick = Date.now();
      for (const c of clients) {
        const text = `load ${k++}`;
        pending.push(c.request({ kind: 'contribute', memberId: c.seat!.memberId, text, pass: false }).then((r) => r.ok && acked.push(text)));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 200 - (Date.now() - tick))));
    }
    await Promise.all(pending);
    const probe = clients[1]!;
    await until(() => probe.follower.replica.state.contributions.length >= acked.length, 60_000).catch(() => undefined);
    const texts = probe.follower.replica.state.contributions.map((c) => c.text);
    const seen = new Set(texts);
    return { lost: acked.filter((t) => !seen.has(t)).length, duplicated: texts.length - seen.size, acked: acked.length };
  });
}

async function memoryPerRetro(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'recip-bench-mem-'));
  const server = await startTeamServer({ port: 0, dataDir: dir, facilitatorToken: newToken(), memberKey: newToken(), throttle: false });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const RETROS = 20;
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
  gc?.();
  const perRetro = (process.memoryUsage().heapUsed - before) / RETROS / 1024;
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  return perRetro;
}

const size = (file: string): number => round(statSync(join(__dirname, '..', 'dist', file)).size / 1024, 1);

export async function run(): Promise<BenchResult[]> {
  await bareHocuspocus(); // warm-up: JIT, sockets
  const bare = await bareHocuspocus();
  const ours = await reciprocityLatency();
  const loaded = await load();
  const memory = await memoryPerRetro();
  const bare99 = percentile(bare, 99);
  const ours99 = percentile(ours, 99);
  return [
    { name: 'sync.latency_p50_50_clients', value: round(percentile(ours, 50), 2), unit: 'ms', budget: 10 },
    { name: 'sync.latency_p99_50_clients', value: round(ours99, 2), unit: 'ms', budget: 15 },
    { name: 'sync.bare_hocuspocus_p99_50_clients', value: round(bare99, 2), unit: 'ms', budget: 15 },
    { name: 'sync.latency_p99_vs_bare_hocuspocus', value: round(ours99 / bare99, 2), unit: 'x', budget: 1.5 },
    { name: `sync.load_50x5_per_s_${LOAD_SECONDS}s_lost`, value: loaded.lost, unit: 'events', budget: 0 },
    { name: `sync.load_50x5_per_s_${LOAD_SECONDS}s_duplicated`, value: loaded.duplicated, unit: 'events', budget: 0 },
    { name: `sync.load_50x5_per_s_${LOAD_SECONDS}s_acknowledged`, value: loaded.acked, unit: 'requests', budget: CLIENTS * 5 * LOAD_SECONDS * 0.95, higherIsBetter: true },
    { name: 'sync.server_memory_per_retro_12x100', value: round(memory, 1), unit: 'KiB', budget: 2048 },
    { name: 'bundle.extension_js', value: size('extension.js'), unit: 'KiB', budget: 400 },
    { name: 'bundle.sync_js', value: size('sync.js'), unit: 'KiB', budget: 900 },
  ];
}

runWhenMain(module, run);
