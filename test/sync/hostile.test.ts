// Issue 12: the hostile-string corpus (test/fixtures/hostile) through team mode: the wire
// validators, the session-event validator, and a real TeamClient -> server round trip on
// 127.0.0.1. People's text is stored and shown back as sent (less the control and bidi
// characters the product drops), never interpreted;
// what is too long is refused with a reason, and nothing of it is stored.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_TEXT } from '../../src/domain/commands';
import { parseSessionEvent } from '../../src/domain/persistence';
import { encode, parseAuthorityMessage, parseClientMessage } from '../../src/sync/wire';
import { HOSTILE } from '../fixtures/hostile';
import { harness, RETRO, type Harness } from './helpers';

const WIRE_TEXT_MAX = MAX_TEXT * 2; // src/protocol.ts: what a request may carry
const fitsText = HOSTILE.filter((h) => h.text.length <= MAX_TEXT);
const tooLong = HOSTILE.filter((h) => h.text.length > WIRE_TEXT_MAX);
/**
 * What the retro keeps of an answer, as the product rules put it (docs, src/domain/text.ts):
 * line breaks kept (CRLF and CR as LF), control and bidi-override characters dropped,
 * NFC, no padding. Everything else, markup and all, is kept as typed.
 */
function kept(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    // eslint-disable-next-line no-control-regex -- control characters are what is checked
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
    .trim()
    // A lone surrogate cannot travel as UTF-8 (the WebSocket, Yjs): it arrives as U+FFFD.
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
/** Nothing visible: spaces, controls, zero-width and direction marks only. */
// eslint-disable-next-line no-control-regex -- control characters are what is checked
const BLANK = /^[\s\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]*$/;

describe('team mode: hostile text (issue 12)', function () {
  this.timeout(60_000);

  it('the wire validators carry every string exactly, and refuse the oversized ones with a reason', () => {
    for (const h of HOSTILE) {
      const command = { kind: 'contribute' as const, memberId: 'm-1', text: h.text, pass: false };
      const parsed = parseClientMessage(encode({ t: 'intent', id: 'intent-0001', command }));
      if (h.text.length <= WIRE_TEXT_MAX) {
        assert.ok(parsed.ok, `${h.id}: ${parsed.ok ? '' : parsed.error}`);
        assert.ok(parsed.value.t === 'intent');
        assert.equal(parsed.value.command.kind === 'contribute' && parsed.value.command.text, h.text, h.id);
      } else {
        assert.deepEqual(parsed.ok, false, h.id);
        assert.match(parsed.ok ? '' : parsed.error, /^command\.text: /, h.id);
      }
      const join = parseClientMessage(encode({ t: 'join', name: h.text }));
      assert.equal(join.ok, h.text.length >= 1 && h.text.length <= 200, h.id);
      if (join.ok) assert.equal(join.value.t === 'join' && join.value.name, h.text, h.id);
      const refused = parseAuthorityMessage(encode({ t: 'refused', error: h.text }));
      assert.ok(refused.ok && refused.value.t === 'refused' && refused.value.error === h.text, h.id);
      // Prototype keys as message keys are refused, never merged into anything.
      const polluted = parseClientMessage(`{"t":"join","name":"x","__proto__":{"polluted":${JSON.stringify(h.text)}}}`);
      assert.equal(polluted.ok, false, h.id);
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    }
  });

  it('parseSessionEvent keeps every string of an event exactly', () => {
    for (const h of HOSTILE) {
      const base = { id: `e-${h.id}`, at: 1_700_000_000_000, actor: 'fac' };
      const events: unknown[] = [
        { ...base, type: 'contribution.added', contributionId: 'c1', memberId: 'm1', phase: 'check-in', promptId: 'p1', depth: 1, topic: 'sprint', text: h.text, pass: false },
        { ...base, type: 'note.added', noteId: 'n1', memberId: null, column: 'Glad', text: h.text },
        { ...base, type: 'action.added', actionId: 'a1', text: h.text, ownerId: null },
        { ...base, type: 'session.renamed', title: h.text },
      ];
      for (const e of events) {
        const r = parseSessionEvent(JSON.parse(JSON.stringify(e)));
        if (!r.ok) {
          // A refusal names the field; it never throws or trims silently.
          assert.match(r.error, /^(?:text|title|[\w.]+): /, `${h.id}: ${r.error}`);
          continue;
        }
        const field = (e as { type: string }).type === 'session.renamed' ? 'title' : 'text';
        assert.equal((r.event as unknown as Record<string, unknown>)[field], h.text, `${h.id} ${(e as { type: string }).type}`);
      }
    }
  });

  describe('a real client -> server round trip on 127.0.0.1', () => {
    let h: Harness;
    afterEach(async () => h?.close());

    it('answers, names and notes arrive, are stored and come back exactly; too-long text is refused and not stored', async () => {
      h = await harness();
      assert.ok(h.server.url.startsWith('ws://127.0.0.1:'));
      const ada = await h.member('Ada');
      const me = ada.seat!.memberId;
      // Every answer that fits, one request each. Only an answer with nothing visible in it
      // may be refused (as empty), and then with a reason.
      const accepted: string[] = [];
      for (const x of fitsText) {
        const r = await ada.request({ kind: 'contribute', memberId: me, text: x.text, pass: false });
        if (r.ok) accepted.push(kept(x.text));
        else {
          assert.match(x.text, BLANK, `${x.id} refused: ${r.error}`);
          assert.equal(r.error, 'Write what was said, or pass.', x.id);
        }
      }
      assert.ok(accepted.length >= fitsText.length - 5, `${accepted.length} of ${fitsText.length}`);
      assert.ok(fitsText.filter((x) => kept(x.text) === x.text).length >= 80, 'most strings are kept exactly as typed');
      // Oversized text is refused with a reason, and nothing is added.
      const before = h.server.authority(RETRO)!.state.contributions.length;
      for (const x of tooLong) {
        const r = await Promise.race([
          ada.request({ kind: 'contribute', memberId: me, text: x.text, pass: false }),
          new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 5000)),
        ]);
        assert.notEqual(r, 'no answer', `${x.id}: the request was never answered`);
        if (r === 'no answer') return;
        assert.equal(r.ok, false, x.id);
        assert.ok(!r.ok && r.error.length > 0 && r.error.length < 1000, `${x.id}: ${r.ok ? '' : r.error.slice(0, 200)}`);
      }
      assert.equal(h.server.authority(RETRO)!.state.contributions.length, before, 'nothing of the refused text was stored');

      // The authority, the facilitator's copy and the file on disk all hold the text exactly.
      const fac = h.client(h.facilitatorToken);
      await fac.until((c) => c.follower.replica.state.contributions.length === accepted.length);
      const expected = accepted;
      assert.deepEqual(h.server.authority(RETRO)!.state.contributions.map((c) => c.text), expected, 'authority');
      assert.deepEqual(fac.follower.replica.state.contributions.map((c) => c.text), expected, "facilitator's copy");
      const onDisk: string[] = [];
      for (const f of readdirSync(h.dir).filter((n) => n.endsWith('.log'))) {
        for (const line of readFileSync(join(h.dir, f), 'utf8').split('\n')) {
          if (!line.trim()) continue;
          const e = JSON.parse(line) as { type: string; text?: string };
          if (e.type === 'contribution.added') onDisk.push(e.text ?? '');
        }
      }
      assert.deepEqual(onDisk, expected, 'the server log on disk');

      // Names: each member joins under a corpus string; every copy holds the same name, and
      // a name with nothing to clean is kept exactly.
      const names = HOSTILE.filter((x) => x.text.length <= 200 && x.text.trim().length > 0).slice(0, 40);
      for (const x of names) {
        const c = h.client(h.server.memberTokenFor(RETRO));
        const joined = await c.join(x.text);
        if (!joined.ok) {
          assert.ok(joined.error.length > 0 && joined.error.length < 1000, x.id);
          continue;
        }
        const stored = h.server.authority(RETRO)!.state.members.find((m) => m.id === c.seat!.memberId);
        assert.ok(stored, x.id);
        assert.equal(c.seat!.name, stored.name, `${x.id}: the welcome names the stored name`);
        // eslint-disable-next-line no-control-regex -- control characters are what is checked
        const plain = x.text === x.text.trim() && x.text.length <= 80 && !/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/.test(x.text);
        if (plain) assert.equal(stored.name, x.text, `${x.id}: a clean name is kept exactly`);
      }
      await fac.until((c) => c.follower.replica.state.members.length === h.server.authority(RETRO)!.state.members.length);
      assert.deepEqual(
        fac.follower.replica.state.members.map((m) => m.name),
        h.server.authority(RETRO)!.state.members.map((m) => m.name),
      );
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    });
  });
});
