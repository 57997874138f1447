// Issue 12 (l10n): the panel words each nudge from its kind, through l10n.t, instead of showing
// the domain's English text. In English the two must read the same, whichever kind.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { NUDGE_TEXT, inviteText } from '../../../src/domain/balance/nudges';
import { nudgeText } from '../../../src/webview/nudgeText';
import { DEPTHS, DEPTH_NAMES, PHASES, PHASE_NAMES } from '../../../src/domain/types';
import { depthName, phaseName } from '../../../src/webview/names';
import { gateAdvice } from '../../../src/domain/answered';
import { gateText } from '../../../src/webview/gateText';

const names = new Map([['m1', 'Ana María']]);
const nameOf = (id: string) => names.get(id);

describe('nudge text in the panel (l10n)', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it("reads, in English, exactly as the domain's text for every kind", () => {
    assert.equal(nudgeText({ id: 'a', kind: 'round-robin', text: 'x' }, nameOf), NUDGE_TEXT.roundRobin);
    assert.equal(nudgeText({ id: 'b', kind: 'hold-depth', text: 'x' }, nameOf), NUDGE_TEXT.holdDepth);
    assert.equal(nudgeText({ id: 'c', kind: 'slow-down', text: 'x' }, nameOf), NUDGE_TEXT.slowDown);
    assert.equal(nudgeText({ id: 'd', kind: 'invite', memberId: 'm1', text: 'x' }, nameOf), inviteText('Ana María'));
  });

  it('is translated by the bundle, with the name filled in', () => {
    l10n.config({ contents: { 'Invite {0} — quiet so far': 'Invitez {0}, discret jusqu’ici', 'Try a round-robin': 'Faites un tour de table' } });
    assert.equal(nudgeText({ id: 'a', kind: 'round-robin', text: 'Try a round-robin' }, nameOf), 'Faites un tour de table');
    assert.equal(nudgeText({ id: 'd', kind: 'invite', memberId: 'm1', text: 'x' }, nameOf), 'Invitez Ana María, discret jusqu’ici');
  });

  it("falls back to the domain's text for an unknown kind or a member not in the view", () => {
    l10n.config({ contents: { 'Invite {0} — quiet so far': '⟦Invite {0} — quiet so far⟧' } });
    assert.equal(nudgeText({ id: 'e', kind: 'future-kind', text: 'Something new' }, nameOf), 'Something new');
    assert.equal(nudgeText({ id: 'f', kind: 'invite', memberId: 'gone', text: 'Invite Bo — quiet so far' }, nameOf), 'Invite Bo — quiet so far');
  });
});

describe('phase and layer names in the panel (l10n)', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it("read, in English, exactly as the domain's names", () => {
    for (const p of PHASES) assert.equal(phaseName(p), PHASE_NAMES[p], p);
    for (const d of DEPTHS) assert.equal(depthName(d), DEPTH_NAMES[d], String(d));
  });

  it('are translated by the bundle', () => {
    l10n.config({ contents: { 'Gather data': 'Recueillir', Affective: 'Affectif' } });
    assert.equal(phaseName('gather'), 'Recueillir');
    assert.equal(depthName(3), 'Affectif');
  });
});

describe('the gate count in the panel (l10n)', () => {
  afterEach(() => l10n.config({ contents: {} }));
  const member = (id: string, present: boolean, answeredAtDepth: boolean, passedAtDepth = false) => ({ id, present, answeredAtDepth, passedAtDepth });
  const view = (depth: number, members: ReturnType<typeof member>[]) => {
    const here = members.filter((m) => m.present);
    const answered = here.filter((m) => m.answeredAtDepth).length;
    const passed = here.filter((m) => m.passedAtDepth && !m.answeredAtDepth).length;
    // The host adds the gate's passes to the view (retroView.ts).
    return { gate: { ...gateAdvice(depth, answered, here.length, passed, 0.5), passed }, members } as unknown as Parameters<typeof gateText>[0];
  };

  it("reads, in English, exactly as the domain's reason", () => {
    const cases = [
      view(1, []),
      view(1, [member('a', true, false), member('b', true, true)]),
      view(2, [member('a', true, false, true), member('b', true, true), member('c', false, false, true)]),
      view(4, [member('a', true, true), member('b', true, false, true), member('c', true, false, true)]),
    ];
    for (const v of cases) assert.equal(gateText(v), v.gate.reason);
  });

  it('is translated by the bundle', () => {
    l10n.config({ contents: { '{0} of {1} have answered at this depth ({2} passed)': '{0}/{1} ont répondu ({2} ont passé)' } });
    assert.equal(gateText(view(2, [member('a', true, false, true), member('b', true, true)])), '1/2 ont répondu (1 ont passé)');
  });

  it("a member's view, which lacks some present members, words the gate's own counts in the display language", () => {
    l10n.config({
      contents: {
        '{0} of {1} have answered at this depth': '⟦{0} of {1} have answered at this depth⟧',
        '{0} of {1} have answered at this depth ({2} passed)': '⟦{0} of {1} have answered at this depth ({2} passed)⟧',
      },
    });
    const v = view(1, [member('a', true, true), member('b', true, false)]);
    assert.equal(gateText({ ...v, members: v.members.slice(0, 1) }), '⟦1 of 2 have answered at this depth⟧');
    const w = view(2, [member('a', true, false, true), member('b', true, true), member('c', true, false)]);
    assert.equal(gateText({ ...w, members: w.members.slice(1, 2) }), '⟦1 of 3 have answered at this depth (1 passed)⟧');
    // A gate from before it carried its passes: the domain's reason, as it came.
    const { passed: _p, ...old } = v.gate as typeof v.gate & { passed?: number };
    assert.equal(gateText({ ...v, gate: old, members: v.members.slice(0, 1) } as typeof v), v.gate.reason);
  });
});
