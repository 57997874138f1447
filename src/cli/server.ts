// `reciprocity server`: the team server on its own, for teams that outgrow one laptop.
// Same code as the server embedded in the facilitator's VS Code, plus a data folder,
// optional Redis for several instances, and TLS. Secrets live in the data folder (0600).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type * as Sync from '../sync/index';
import type { CliIo } from './io';

export type SyncModule = typeof Sync;

export const SERVER_USAGE = `Usage: reciprocity server --port N --data DIR [options]

Runs the Reciprocity team server: members' and facilitators' VS Code connect to it.

Options:
  --port N            port to listen on (0 picks a free one)
  --data DIR          folder for the retros, the server's secrets and its documents
  --host H            address to bind (default 127.0.0.1, this machine only)
  --redis URL         redis://host:port to share retros with other instances
  --tls-cert FILE     certificate (PEM) to serve wss://
  --tls-key FILE      its private key (PEM)
  --insecure          allow a non-loopback --host without TLS
  --throttle N        connection attempts per IP and minute before a 5-minute ban (default 60; 0 turns it off)

The facilitator token is printed on start and kept in DIR/server-secrets.json.
`;

export interface ServerArgs {
  port: number;
  data: string;
  host: string;
  redis?: { host: string; port: number };
  tls?: { cert: string; key: string };
  insecure: boolean;
  throttle: number;
}

export function parseServerArgs(argv: readonly string[]): { ok: true; args: ServerArgs } | { ok: false; message: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' }, data: { type: 'string' }, host: { type: 'string' }, redis: { type: 'string' },
        'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, insecure: { type: 'boolean' }, throttle: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    return { ok: false, message: (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'bad arguments' };
  }
  const v = parsed.values;
  const port = Number(v.port);
  if (v.port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: '--port needs a number from 0 to 65535' };
  if (!v.data) return { ok: false, message: '--data needs a folder' };
  const throttle = v.throttle === undefined ? 60 : Number(v.throttle);
  if (!Number.isInteger(throttle) || throttle < 0) return { ok: false, message: '--throttle needs a whole number' };
  if ((v['tls-cert'] === undefined) !== (v['tls-key'] === undefined)) return { ok: false, message: '--tls-cert and --tls-key go together' };
  const args: ServerArgs = { port, data: v.data, host: v.host ?? '127.0.0.1', insecure: v.insecure === true, throttle };
  if (v['tls-cert'] && v['tls-key']) args.tls = { cert: v['tls-cert'], key: v['tls-key'] };
  if (v.redis !== undefined) {
    const m = /^redis:\/\/([^:/]+)(?::(\d+))?\/?$/.exec(v.redis);
    if (!m) return { ok: false, message: '--redis needs redis://host:port' };
    args.redis = { host: m[1], port: Number(m[2] ?? 6379) };
  }
  return { ok: true, args };
}

interface Secrets {
  facilitatorToken: string;
  memberKey: string;
}

function loadSecrets(dir: string): Secrets {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'server-secrets.json');
  if (existsSync(file)) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
    if (typeof raw.facilitatorToken === 'string' && typeof raw.memberKey === 'string') return { facilitatorToken: raw.facilitatorToken, memberKey: raw.memberKey };
    throw new Error(`${file} is damaged; move it aside to make new secrets.`);
  }
  const secrets = { facilitatorToken: randomBytes(32).toString('base64url'), memberKey: randomBytes(32).toString('base64url') };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

/** Starts the server; resolves with the exit code when it stops (SIGINT or SIGTERM). */
export async function runServer(argv: readonly string[], io: CliIo, load: () => SyncModule): Promise<number> {
  const parsed = parseServerArgs(argv);
  if (!parsed.ok) {
    io.stderr(`reciprocity server: ${parsed.message}\n\n${SERVER_USAGE}`);
    return 2;
  }
  const a = parsed.args;
  let secrets: Secrets;
  let tls: { cert: Buffer; key: Buffer } | undefined;
  try {
    secrets = loadSecrets(a.data);
    if (a.tls) tls = { cert: readFileSync(a.tls.cert), key: readFileSync(a.tls.key) };
  } catch (err) {
    io.stderr(`reciprocity server: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const sync = load();
  let server;
  try {
    server = await sync.startTeamServer({
      port: a.port,
      host: a.host,
      dataDir: a.data,
      facilitatorToken: process.env['RECIPROCITY_FACILITATOR_TOKEN'] ?? secrets.facilitatorToken,
      memberKey: secrets.memberKey,
      insecure: a.insecure,
      throttle: a.throttle === 0 ? false : { perMinute: a.throttle, banMinutes: 5 },
      ...(tls && { tls }),
      ...(a.redis && { redis: a.redis }),
      log: (line) => io.stderr(`${new Date().toISOString()} ${line}\n`),
    });
  } catch (err) {
    io.stderr(`reciprocity server: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  io.stdout(`Reciprocity team server on ${server.url}\nFacilitator token: ${process.env['RECIPROCITY_FACILITATOR_TOKEN'] ? '(from RECIPROCITY_FACILITATOR_TOKEN)' : secrets.facilitatorToken}\n`);
  return new Promise<number>((resolve) => {
    const stop = (): void => {
      void server.close().then(() => resolve(0), () => resolve(1));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
