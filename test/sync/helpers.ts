// Shared set-up for the team-mode tests: servers on 127.0.0.1 with a temporary data folder,
// a started retro, and clients.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDeck } from '../../src/domain/decks/builtin';
import { startSession } from '../../src/domain/retro';
import type { SessionEvent } from '../../src/domain/types';
import { TeamClient } from '../../src/sync/client';
import { startTeamServer, type TeamServer, type TeamServerOptions } from '../../src/sync/server';
import { newToken } from '../../src/sync/tokens';

export const RETRO = 'retro-1';

/** The built CLI (`dist/cli.js`; build first). */
const CLI = join(__dirname, '../../dist/cli.js');

/** Starts `reciprocity server` from the built CLI on 127.0.0.1, resolving once it listens. */
export function startCli(port: number, dir: string, token: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'server', '--port', String(port), '--data', dir, '--throttle', '0'], {
    env: { ...process.env, RECIPROCITY_FACILITATOR_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Reciprocity team server on')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** A port nothing listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway redis-server on 127.0.0.1 (no persistence), resolved once it answers PING.
 * A missing redis-server is a failure, not a skip: .ci/run installs Debian's.
 */
export async function startRedis(): Promise<{ port: number; stop: () => void }> {
  const probe = spawnSync('redis-server', ['--version']);
  if (probe.error) throw new Error('redis-server is not installed: apt-get install -y redis-server');
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const stop = () => child.kill('SIGKILL');
  for (let i = 0; i < 50; i++) {
    const ping = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    if (ping.stdout?.trim() === 'PONG') return { port, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error('redis-server did not start');
}

export function tempDir(prefix = 'recip-sync-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function opening(names: string[] = ['Ada', 'Bo', 'Cy']): SessionEvent[] {
  return startSession({
    title: 'Team retro',
    teamId: 'team',
    members: names,
    deck: defaultDeck(),
    settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 },
    now: Date.now(),
    newId: () => globalThis.crypto.randomUUID(),
    recentPromptIds: [],
  });
}

export interface Harness {
  server: TeamServer;
  facilitatorToken: string;
  memberKey: string;
  dir: string;
  client(token: string, retro?: string, clock?: () => number, onChange?: (c: TeamClient) => void): TeamClient;
  member(name: string): Promise<TeamClient>;
  close(): Promise<void>;
}

export async function harness(over: Partial<TeamServerOptions> = {}, names?: string[]): Promise<Harness> {
  const tmp = over.dataDir ? { dir: over.dataDir, cleanup: () => undefined } : tempDir();
  const facilitatorToken = over.facilitatorToken ?? newToken();
  const memberKey = over.memberKey ?? newToken();
  const server = await startTeamServer({ port: 0, dataDir: tmp.dir, facilitatorToken, memberKey, throttle: false, ...over });
  const authority = await server.open(RETRO);
  if (authority.events.length === 0) await authority.seed(opening(names));
  const clients: TeamClient[] = [];
  const client = (token: string, retro = RETRO, clock?: () => number, onChange?: (c: TeamClient) => void): TeamClient => {
    const c = new TeamClient({ url: server.url, retro, token, ...(clock ? { clock } : {}), ...(onChange ? { onChange } : {}) });
    clients.push(c);
    return c;
  };
  return {
    server,
    facilitatorToken,
    memberKey,
    dir: tmp.dir,
    client,
    async member(name) {
      const c = client(server.memberTokenFor(RETRO));
      const joined = await c.join(name);
      if (!joined.ok) throw new Error(joined.error);
      return c;
    },
    async close() {
      for (const c of clients) c.destroy();
      await server.close();
      tmp.cleanup();
    },
  };
}
