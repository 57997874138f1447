// Protocol versions at join (issue 9). The team document and the messages change between
// releases (events as UTF-8 JSON bytes, refusals as data): an older Reciprocity cannot read
// what a newer one writes. A client announces its protocol when it connects; the authority
// refuses any other version, with a reason the client can show, and says why in its log.
// The document carries the authority's protocol too, so a client also notices a host that
// does no check (an older `reciprocity server`) or a document newer than it can read.
// Nothing is written on either side when a version does not match.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HocuspocusProvider, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import { Hocuspocus } from '@hocuspocus/server';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { saidEnglish } from '../../src/domain/said';
import type { JoinResult } from '../../src/sync/authority';
import { TeamClient } from '../../src/sync/client';
import { eventsOf, metaOf } from '../../src/sync/docLog';
import { docProtocol, PROTOCOL_VERSION, versionProblem } from '../../src/sync/wire';
import { harness, opening, RETRO, type Harness } from './helpers';

/** What the server's document and roster hold: unchanged by a refused client. */
const stateOf = (h: Harness) => JSON.stringify(h.server.authority(RETRO)!.events);

/** How a Reciprocity from before the version check connects: the bare URL, nothing announced. */
function unversionedClient(url: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer to an unversioned client')), 10_000);
    const provider = new HocuspocusProvider({
      url,
      name: RETRO,
      token,
      document: new Y.Doc(),
      WebSocketPolyfill: WebSocket,
      onAuthenticationFailed: ({ reason }: { reason: string }) => {
        clearTimeout(timer);
        provider.destroy();
        resolve(reason);
      },
      onSynced: () => {
        clearTimeout(timer);
        provider.destroy();
        resolve('synced');
      },
    } as unknown as HocuspocusProviderConfiguration);
  });
}

/**
 * A host that does no check and marks nothing (as a `reciprocity server` from before the
 * check): serves a document filled by `fill`, and records every message a client sends.
 */
async function hostWithoutCheck(fill: (doc: Y.Doc) => void): Promise<{ url: string; received: string[]; docs: Y.Doc[]; close: () => Promise<void> }> {
  const received: string[] = [];
  const docs: Y.Doc[] = [];
  const hocuspocus = new Hocuspocus({
    quiet: true,
    async onLoadDocument({ document }) {
      fill(document);
      docs.push(document);
      return document;
    },
    async onStateless({ payload }) {
      received.push(payload);
    },
  });
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, request) => hocuspocus.handleConnection(ws, request));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    docs,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('team mode: protocol versions at join', function () {
  let h: Harness | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
    await h?.close();
    h = undefined;
  });

  it('refuses a client announcing an older, a newer or no version, with the reason and a log line; a current client still joins', async () => {
    const lines: string[] = [];
    h = await harness({ log: (line) => lines.push(line) });
    const before = stateOf(h);
    const memberToken = h.server.memberTokenFor(RETRO);

    // A Reciprocity from before the check sends no version: refused, with a sentence it shows as it is.
    const reason = await unversionedClient(h.server.url, memberToken);
    assert.equal(reason, `This retro's host runs a newer Reciprocity (protocol ${PROTOCOL_VERSION}); update Reciprocity to join.`);

    for (const [announced, expected] of [
      [PROTOCOL_VERSION - 1, { key: 'hostNewer', protocol: PROTOCOL_VERSION }],
      [PROTOCOL_VERSION + 1, { key: 'hostOlder', protocol: PROTOCOL_VERSION }],
    ] as const) {
      const c: TeamClient = new TeamClient({ url: h.server.url, retro: RETRO, token: memberToken, protocol: announced });
      cleanups.push(() => c.destroy());
      const started = Date.now();
      const joined: JoinResult = await c.join('Ada');
      assert.ok(Date.now() - started < 10_000, 'the join is answered, not left to time out');
      assert.deepEqual(joined, { ok: false, error: saidEnglish(expected), said: expected }, `protocol ${announced}`);
      assert.equal(c.status, 'refused');
      assert.deepEqual(c.problemSaid, expected);
      assert.equal(c.follower.events.length, 0, 'nothing of the retro reaches a refused client');
    }

    const refusals = lines.filter((l) => l.startsWith(`refused a connection to ${RETRO}`));
    assert.equal(refusals.length, 3, lines.join('\n'));
    assert.match(refusals[0], /announced no protocol version \(a Reciprocity from before the check\)/);
    assert.match(refusals[1], new RegExp(`protocol ${PROTOCOL_VERSION - 1}.*this server speaks ${PROTOCOL_VERSION}`));
    assert.match(refusals[2], new RegExp(`protocol ${PROTOCOL_VERSION + 1}.*this server speaks ${PROTOCOL_VERSION}`));
    assert.equal(stateOf(h), before, 'the retro is unchanged by the refused clients');

    // A current client joins as before, and finds the document marked with the host's protocol.
    const ada = await h.member('Ada');
    assert.equal(ada.status, 'connected');
    assert.equal(docProtocol(ada.doc), PROTOCOL_VERSION);
    assert.ok(ada.follower.replica.state.members.some((m) => m.id === ada.seat?.memberId));
  });

  it('a wrong token is still refused promptly, as a wrong token', async () => {
    h = await harness();
    const c = new TeamClient({ url: h.server.url, retro: RETRO, token: 'wrong-token-of-some-length' });
    cleanups.push(() => c.destroy());
    const joined = await c.join('Ada');
    assert.equal(joined.ok, false);
    assert.equal(c.problemSaid?.key, 'connectionRefused');
  });

  // The version was checked before the token, so anyone who could reach the port learnt the
  // server's protocol from the refusal. A wrong token now hears only that it is not let in.
  it('a wrong token with another version, or none, is refused as a wrong token and learns no protocol', async () => {
    h = await harness();
    const unversioned = await unversionedClient(h.server.url, 'wrong-token-of-some-length');
    assert.doesNotMatch(unversioned, /protocol|version/i, unversioned);
    assert.doesNotMatch(unversioned, new RegExp(`\\b${PROTOCOL_VERSION}\\b`), unversioned);
    const c = new TeamClient({ url: h.server.url, retro: RETRO, token: 'wrong-token-of-some-length', protocol: PROTOCOL_VERSION + 1 });
    cleanups.push(() => c.destroy());
    const joined = await c.join('Ada');
    assert.equal(joined.ok, false);
    assert.equal(c.problemSaid?.key, 'connectionRefused');
  });

  // Hocuspocus wrote "[onAuthenticate] Not authorized" (and each version refusal) to the
  // console besides our own log line: console.error in the extension host, and stderr twice
  // over in `reciprocity server`. A refusal is said once, in our log.
  it('a refusal is logged once, in the server\'s log, and not on the console', async () => {
    const lines: string[] = [];
    const printed: string[] = [];
    const realError = console.error;
    console.error = (...args: unknown[]) => { printed.push(args.map(String).join(' ')); };
    try {
      h = await harness({ log: (line) => lines.push(line) });
      const wrong = new TeamClient({ url: h.server.url, retro: RETRO, token: 'wrong-token-of-some-length' });
      cleanups.push(() => wrong.destroy());
      await wrong.until((x) => x.status === 'refused');
      const older = new TeamClient({ url: h.server.url, retro: RETRO, token: h.server.memberTokenFor(RETRO), protocol: PROTOCOL_VERSION - 1 });
      cleanups.push(() => older.destroy());
      await older.until((x) => x.status === 'refused');
    } finally {
      console.error = realError;
    }
    assert.equal(lines.filter((l) => l.includes('wrong token')).length, 1, lines.join('\n'));
    assert.equal(lines.filter((l) => l.includes(`announced protocol ${PROTOCOL_VERSION - 1}`)).length, 1, lines.join('\n'));
    assert.deepEqual(printed.filter((p) => /onAuthenticate|Not authorized|protocol/.test(p)), []);
  });

  it('a join or seed asked after the refusal arrived is answered at once too', async () => {
    h = await harness();
    const c = new TeamClient({ url: h.server.url, retro: RETRO, token: h.server.memberTokenFor(RETRO), protocol: PROTOCOL_VERSION + 1 });
    cleanups.push(() => c.destroy());
    await c.until((x) => x.status === 'refused');
    const expected = { key: 'hostOlder', protocol: PROTOCOL_VERSION } as const;
    const answers = await Promise.race([
      Promise.all([c.join('Ada'), c.seed(opening())]),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 3_000)),
    ]);
    assert.deepEqual(answers, [
      { ok: false, error: saidEnglish(expected), said: expected },
      { ok: false, error: saidEnglish(expected), said: expected },
    ]);
  });

  it('a current client notices a host that does no check (an older server): it is refused and sends nothing', async () => {
    const old = await hostWithoutCheck((doc) => eventsOf(doc).push(opening() as unknown[])); // the old format: JSON objects
    cleanups.push(old.close);
    const c = new TeamClient({ url: old.url, retro: RETRO, token: 'a-token-the-old-host-takes' });
    cleanups.push(() => c.destroy());
    const joined = await c.join('Ada');
    assert.deepEqual(joined, { ok: false, error: saidEnglish({ key: 'hostUnversioned' }), said: { key: 'hostUnversioned' } });
    assert.equal(c.status, 'refused');
    const queued = c.request({ kind: 'contribute', memberId: 'm-1', text: 'kept here', pass: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(old.received, [], 'no join, clock or request went to a host that cannot take them');
    assert.equal(c.pending, 1, 'a request made meanwhile is kept, not dropped');

    // The host is updated (its document now marked with this protocol): on the next connection
    // the client is let in by itself and sends what it kept.
    metaOf(old.docs[0]).set('protocol', PROTOCOL_VERSION);
    c.goOffline();
    c.goOnline();
    await c.until((x) => x.status === 'connected');
    assert.equal(c.problemSaid, null);
    await c.until(() => old.received.some((m) => m.includes('kept here')));
    void queued;
    assert.equal(saidEnglish({ key: 'hostUnversioned' }), "This retro's host runs an older Reciprocity; ask the host to update Reciprocity.");
  });

  it('a current client notices a document newer than it can read, even on a host that does no check', async () => {
    const newer = PROTOCOL_VERSION + 1;
    const host = await hostWithoutCheck((doc) => metaOf(doc).set('protocol', newer));
    cleanups.push(host.close);
    const c = new TeamClient({ url: host.url, retro: RETRO, token: 'a-token-the-host-takes' });
    cleanups.push(() => c.destroy());
    const joined = await c.join('Ada');
    assert.equal(joined.ok, false);
    assert.deepEqual(c.problemSaid, { key: 'hostNewer', protocol: newer });
    assert.deepEqual(host.received, []);
  });

  it('reads the version out of a refusal, also one worded differently by a later host', () => {
    assert.deepEqual(versionProblem(saidEnglish({ key: 'hostNewer', protocol: PROTOCOL_VERSION + 2 }), PROTOCOL_VERSION), { key: 'hostNewer', protocol: PROTOCOL_VERSION + 2 });
    assert.deepEqual(versionProblem(saidEnglish({ key: 'hostOlder', protocol: PROTOCOL_VERSION - 1 }), PROTOCOL_VERSION), { key: 'hostOlder', protocol: PROTOCOL_VERSION - 1 });
    assert.deepEqual(versionProblem('Wir brauchen Reciprocity (protocol 9).', PROTOCOL_VERSION), { key: 'hostNewer', protocol: 9 });
    assert.equal(versionProblem('permission-denied', PROTOCOL_VERSION), null);
    assert.equal(versionProblem(`Reciprocity (protocol ${PROTOCOL_VERSION})`, PROTOCOL_VERSION), null, 'the same version is no version problem');
    assert.equal(versionProblem('Reciprocity (protocol 99999999999999999999)', PROTOCOL_VERSION), null, 'not a version');
  });
});
