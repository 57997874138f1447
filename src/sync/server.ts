// The team server: Hocuspocus serving one Yjs document per retro, with the authority
// deciding every change. The same code runs embedded in the facilitator's extension host
// and as `reciprocity server`. It binds to 127.0.0.1 unless told otherwise, refuses a
// non-loopback address without TLS unless explicitly allowed, and refuses connections
// with a missing or wrong token, oversized messages, malformed updates and floods.
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { Throttle } from '@hocuspocus/extension-throttle';
import { Redis } from '@hocuspocus/extension-redis';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { parseSessionEvent } from '../domain/persistence';
import type { SessionEvent } from '../domain/types';
import { CONNECTION_REFUSED, saidEnglish, type Said } from '../domain/said';
import { readEvents, appendEvents } from './docLog';
import { SessionAuthority, type AuthorityResult, type Identity, type JoinResult } from './authority';
import { isDocName, ServerStore } from './serverStore';
import { sameSecret } from './tokens';
import { encode, markProtocol, MAX_MESSAGE_BYTES, parseClientMessage, PROTOCOL_PARAM, protocolRefusal, type AuthorityMessage } from './wire';

export interface TeamServerOptions {
  port: number;
  /** 127.0.0.1 unless the user asks for more. */
  host?: string;
  dataDir: string;
  /** Grants the facilitator's role on every retro this server holds. */
  facilitatorToken: string;
  /** Secret from which each retro's member token is derived (so a link opens one retro only). */
  memberKey: string;
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Allows a non-loopback address without TLS. */
  insecure?: boolean;
  redis?: { host: string; port: number };
  /** Connection attempts per IP and minute before a ban (Hocuspocus Throttle); false turns it off. */
  throttle?: { perMinute: number; banMinutes: number } | false;
  log?: (line: string) => void;
  /** The authority's clock: it times every turn (tests skew it). */
  clock?: () => number;
}

export interface TeamServer {
  readonly port: number;
  readonly url: string;
  memberTokenFor(retro: string): string;
  authority(retro: string): SessionAuthority | undefined;
  /** Loads (or creates) a retro's document on the server side, e.g. to seed a new retro. */
  open(retro: string): Promise<SessionAuthority>;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127\./.test(host);
}

export function memberTokenFor(memberKey: string, retro: string): string {
  return createHmac('sha256', memberKey).update(`member:${retro}`).digest('base64url');
}

interface Context extends Identity {
  retro: string;
}

export async function startTeamServer(o: TeamServerOptions): Promise<TeamServer> {
  const host = o.host ?? '127.0.0.1';
  if (!isLoopback(host) && !o.tls && !o.insecure) {
    throw new Error(`Refusing to serve ${host} without TLS: pass --tls-cert and --tls-key, or --insecure on a network you trust.`);
  }
  const log = o.log ?? (() => undefined);
  const clock = o.clock ?? Date.now;
  const store = new ServerStore(o.dataDir);
  const authorities = new Map<string, SessionAuthority>();
  const extensions: Extension[] = [];
  if (o.throttle !== false) {
    const t = o.throttle ?? { perMinute: 60, banMinutes: 5 };
    extensions.push(new Throttle({ throttle: t.perMinute, consideredSeconds: 60, banTime: t.banMinutes }));
  }
  if (o.redis) {
    // No ready check: its INFO would fail once the subscriber connection has subscribed.
    const redis = new Redis({ host: o.redis.host, port: o.redis.port, options: { enableReadyCheck: false } });
    // ioredis reports a lost connection as an event; without a listener Node would throw.
    for (const client of [redis.pub, redis.sub]) client.on('error', (err: Error) => log(`redis: ${err.message}`));
    extensions.push(redis);
  }

  const hocuspocus = new Hocuspocus({
    quiet: true,
    extensions,
    // Ours are small; a debounced store is not used (the authority stores before it acks).
    debounce: 0,
    async onAuthenticate({ token, documentName, connectionConfig, requestParameters }) {
      if (!isDocName(documentName)) throw refusal(CONNECTION_REFUSED.retro);
      // First the token: a caller without one learns nothing, not even the protocol.
      const role = typeof token !== 'string' ? null
        : sameSecret(token, o.facilitatorToken) ? 'facilitator'
        : sameSecret(token, memberTokenFor(o.memberKey, documentName)) ? 'member'
        : null;
      if (!role) {
        log(`refused a connection to ${documentName}: wrong token`);
        throw refusal(CONNECTION_REFUSED.token);
      }
      // Then the version: a client of another protocol cannot read this document, and an
      // older one shows the reason as it is (Hocuspocus sends an error's `reason`).
      const version = protocolRefusal(requestParameters.get(PROTOCOL_PARAM));
      if (version) {
        log(`refused a connection to ${documentName}: the client ${version.log}`);
        throw refusal(saidEnglish(version.said));
      }
      // Nobody writes to the document directly: every change goes through the authority.
      connectionConfig.readOnly = true;
      return { role, retro: documentName } satisfies Context;
    },
    async onLoadDocument({ document, documentName }) {
      await loadInto(store, documentName, document);
      return document;
    },
    async afterLoadDocument({ document, documentName }) {
      markProtocol(document); // before any client syncs: one that finds no mark knows the host is older
      authorities.get(documentName)?.dispose();
      authorities.set(documentName, makeAuthority(store, documentName, document, clock));
    },
    async afterUnloadDocument({ documentName }) {
      authorities.get(documentName)?.dispose();
      authorities.delete(documentName);
      await store.close(documentName);
    },
    async onStateless({ payload, connection, documentName }) {
      const ctx = connection.context as Context;
      const reply = (m: AuthorityMessage): void => connection.sendStateless(encode(m));
      /** A refusal in English and as data, for the member's extension to word. */
      const refuse = (said: Said, extra: { id?: string; retry?: boolean } = {}): void => reply({ t: 'refused', ...extra, error: saidEnglish(said), said });
      /** An authority's refusal or acknowledgement, with what it said as data when it has it. */
      const answer = (id: string | undefined, r: AuthorityResult | JoinResult): { t: 'refused'; id?: string; error: string; said?: Said } | null =>
        r.ok ? null : { t: 'refused', ...(id !== undefined && { id }), error: r.error, ...(r.said && { said: r.said }) };
      /**
       * A member's own anonymous dots, to this connection alone (the one that speaks for the
       * seat): never to the facilitator's, even when they voted naming the member.
       */
      const tellDots = async (authority: SessionAuthority): Promise<void> => {
        if (ctx.role !== 'member' || ctx.memberId === undefined) return;
        const votes = await authority.dotsOf(ctx.memberId).catch(() => null); // closing: nothing to tell
        if (votes !== null) reply({ t: 'dots', votes });
      };
      /**
       * After the facilitator placed or took back a dot naming a member: that member's dots, to
       * every connection that speaks for their seat (a member may have two windows), and to no
       * other. Their panel's dots left and Take back are right at once, not at their next vote.
       */
      const tellDotsOfSeat = async (authority: SessionAuthority, memberId: string): Promise<void> => {
        const seats = (hocuspocus.documents.get(documentName)?.getConnections() ?? []).filter((c) => {
          const seat = c.context as Partial<Context> | undefined;
          return seat?.role === 'member' && seat.memberId === memberId;
        });
        if (seats.length === 0) return;
        const votes = await authority.dotsOf(memberId).catch(() => null); // closing: nothing to tell
        if (votes === null) return;
        const message = encode({ t: 'dots', votes });
        for (const seat of seats) seat.sendStateless(message);
      };
      const parsed = parseClientMessage(payload);
      if (!parsed.ok) return reply({ t: 'refused', error: `Malformed message: ${parsed.error}` });
      const authority = authorities.get(documentName);
      if (!authority) return refuse({ key: 'notLoaded' });
      const m = parsed.value;
      if (m.t === 'clock') return reply({ t: 'clock', sent: m.sent, now: clock() });
      if (m.t === 'seed') {
        if (ctx.role !== 'facilitator') return refuse({ key: 'facilitatorOpens' });
        const events: SessionEvent[] = [];
        for (const raw of m.events) {
          const e = parseSessionEvent(raw);
          if (!e.ok) return reply({ t: 'refused', error: `Malformed opening event: ${e.error}` });
          events.push(e.event);
        }
        const seeded = await authority.seed(events);
        return reply(answer(undefined, seeded) ?? { t: 'seeded', memberToken: memberTokenFor(o.memberKey, documentName) });
      }
      if (m.t === 'join') {
        if (ctx.role !== 'member') return refuse({ key: 'facilitatorNotMember' });
        const joined = await authority.join(m.name, m.secret);
        if (!joined.ok) return reply(answer(undefined, joined)!);
        ctx.memberId = joined.memberId; // this connection now speaks for this seat only
        reply({ t: 'welcome', memberId: joined.memberId, name: joined.name, secret: joined.secret });
        return tellDots(authority); // a seat taken again (a reload) knows its dots at once
      }
      // A request can overtake the join on a fresh connection (queued while offline): the
      // client keeps it and sends it again once seated.
      if (ctx.role === 'member' && ctx.memberId === undefined) return refuse({ key: 'joinFirst' }, { id: m.id, retry: true });
      try {
        const result = await authority.handle(ctx, m.id, m.command);
        // Before the answer, so the voter's machine knows its dots when the vote is answered.
        if (m.command.kind === 'vote') await (ctx.role === 'facilitator' ? tellDotsOfSeat(authority, m.command.memberId) : tellDots(authority));
        return reply(
          answer(m.id, result) ?? {
            t: 'ack',
            id: m.id,
            ...(result.ok && result.notices ? { notices: result.notices } : {}),
            ...(result.ok && result.noticesSaid ? { noticesSaid: result.noticesSaid } : {}),
          },
        );
      } catch (err) {
        log(`could not store ${documentName}: ${err instanceof Error ? err.message : String(err)}`);
        return refuse({ key: 'storeLater' }, { id: m.id, retry: true });
      }
    },
  });

  /** Each retro this server opened itself (open()), kept loaded until close. */
  const keepAlive = new Map<string, { disconnect(): Promise<void> }>();
  let closing: Promise<void> | undefined;
  /**
   * Unloads every document before the extensions stop: Hocuspocus unloads a document in a
   * task after its last connection goes, and the Redis extension's unsubscribe then would
   * meet a connection onDestroy had already quit (a rejection nobody awaits). Waits for the
   * sockets' close events to reach Hocuspocus, then unloads what is left itself.
   */
  async function unloadAll(): Promise<void> {
    for (let i = 0; i < 100 && [...hocuspocus.documents.values()].some((d) => d.getConnectionsCount() > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.all([...hocuspocus.documents.values()].map((d) => hocuspocus.unloadDocument(d).catch(() => undefined)));
    await Promise.all([...hocuspocus.unloadingDocuments.values()].map((p) => Promise.resolve(p).catch(() => undefined)));
  }

  const server = o.tls ? https.createServer({ cert: o.tls.cert, key: o.tls.key }) : http.createServer();
  server.on('request', (_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' });
    res.end('Reciprocity team server: connect with the Reciprocity extension.\n');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', (err) => log(`connection error: ${err.message}`));
      hocuspocus.handleConnection(ws, request);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // Extensions that start when the server listens.
  await hocuspocus.hooks('onListen', { instance: hocuspocus, configuration: hocuspocus.configuration, port });
  const scheme = o.tls ? 'wss' : 'ws';
  const urlHost = host.includes(':') ? `[${host}]` : host;
  log(`listening on ${scheme}://${urlHost}:${port}`);

  return {
    port,
    url: `${scheme}://${urlHost}:${port}`,
    memberTokenFor: (retro) => memberTokenFor(o.memberKey, retro),
    authority: (retro) => authorities.get(retro),
    async open(retro) {
      const existing = authorities.get(retro);
      if (existing) return existing;
      // Load it the way a connection would, so later connections share the same document.
      const direct = await hocuspocus.openDirectConnection(retro, { role: 'facilitator', retro } satisfies Context);
      const authority = authorities.get(retro);
      keepAlive.set(retro, direct);
      if (!authority) throw new Error(`Could not open ${retro}`);
      return authority;
    },
    close() {
      closing ??= (async () => {
        for (const direct of keepAlive.values()) await direct.disconnect().catch(() => undefined);
        keepAlive.clear();
        for (const ws of wss.clients) ws.terminate();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await unloadAll();
        await hocuspocus.hooks('onDestroy', { instance: hocuspocus }).catch(() => undefined);
        for (const a of authorities.values()) a.dispose();
        authorities.clear();
        await store.close();
      })();
      return closing;
    },
  };
}


/** The stored Yjs state, then any logged event it lacks (a crash between the two writes). */
async function loadInto(store: ServerStore, name: string, doc: Y.Doc): Promise<void> {
  const stored = await store.load(name);
  if (!stored) return;
  if (stored.ydoc) Y.applyUpdate(doc, stored.ydoc);
  const have = new Set(readEvents(doc).events.map((e) => e.id));
  const missing = stored.events.filter((e) => !have.has(e.id));
  if (missing.length) appendEvents(doc, missing, Date.now());
}

function makeAuthority(store: ServerStore, name: string, doc: Y.Doc, clock: () => number): SessionAuthority {
  return new SessionAuthority(doc, {
    clock,
    storage: {
      append: (events, d) => store.append(name, events, d),
      withSeats: (fn) => store.withSeats(name, fn),
      withHeld: (fn) => store.withHeld(name, fn),
    },
  });
}

/**
 * What onAuthenticate throws to refuse a connection. Hocuspocus sends the client its `reason`
 * (a CONNECTION_REFUSED code, which the member's window words in its display language; or a
 * version's sentence, which a client reads the protocol out of) and prints
 * `[onAuthenticate] <message>` to the console when there is a message: our log has already
 * said why, so the error carries none.
 */
function refusal(reason: string): Error {
  return Object.assign(new Error(), { reason });
}
