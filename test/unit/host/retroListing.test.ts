import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { sessionFileFromEvents } from '../../../src/domain/persistence';
import { startSession } from '../../../src/domain/retro';
import type { SessionEvent, SessionFile } from '../../../src/domain/types';
import { defaultTitle, formatWhen, listRetro, tabTitle } from '../../../src/host/retroListing';

const at = new Date(2026, 11, 1, 9, 5).getTime(); // local time

function file(title: string, now = at, extra: (sid: string) => SessionEvent[] = () => []): SessionFile {
  const events = startSession({ title, teamId: 't', members: ['Ada', 'Bo', 'Cy'], deck: defaultDeck(), settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 }, now, newId: sequentialIds(`x${now}`), recentPromptIds: [] });
  const f = sessionFileFromEvents(events);
  const actor = events[0]!.actor;
  return { ...f, events: [...f.events, ...extra(actor)] };
}

describe('Past Retros and tab labels', () => {
  it('formats the local date and minute, so two retros on one day differ', () => {
    assert.equal(formatWhen(at), '2026-12-01 09:05');
    assert.equal(formatWhen(at + 5 * 3600_000 + 55 * 60_000), '2026-12-01 15:00');
  });

  it('the default title is "Retro" and the local date', () => {
    assert.equal(defaultTitle(at), 'Retro 2026-12-01');
  });

  it('an in-progress retro: status, phase, time and people; it can resume', () => {
    const r = listRetro(file('Sprint 12'), { open: false, team: false });
    assert.equal(r.title, 'Sprint 12');
    assert.equal(r.detail, 'in progress, set the stage · 3 people · 2026-12-01 09:05');
    assert.equal(r.resumable, true);
    assert.equal(r.contextValue, 'retro');
  });

  it('an ended retro says so, and cannot resume', () => {
    const r = listRetro(file('Sprint 12', at, (actor) => [{ id: 'end', at: at + 1, actor, type: 'session.ended' }]), { open: true, team: false });
    assert.equal(r.detail, 'ended · 3 people · 2026-12-01 09:05 · open');
    assert.equal(r.resumable, false);
    assert.equal(r.contextValue, 'retro-ended');
  });

  it('a team retro this window hosts says "team"', () => {
    const r = listRetro(file('Sprint 12'), { open: false, team: true });
    assert.match(r.detail, /^team, set the stage · 3 people/);
    assert.equal(r.contextValue, 'retro-team');
  });

  it('shows the title as renamed, not the one the file was created with', () => {
    const renamed = file('Retro 2026-12-01', at, (actor) => [{ id: 'rn', at: at + 1, actor, type: 'session.renamed', title: 'Planning fallout' }]);
    assert.equal(listRetro(renamed, { open: false, team: false }).title, 'Planning fallout');
  });

  it('a tab names the title and the time', () => {
    const a = tabTitle({ title: 'Retro 2026-12-01', createdAt: at }, '');
    const b = tabTitle({ title: 'Retro 2026-12-01', createdAt: at + 3600_000 }, ' (team)');
    assert.equal(a, 'Retro: Retro 2026-12-01 · 09:05');
    assert.equal(b, 'Retro: Retro 2026-12-01 · 10:05 (team)');
  });

  it('the Past Retros menus offer Resume only where a retro can resume, the rest everywhere', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { menus: { 'view/item/context': { command: string; when: string }[] } };
    };
    const shown = (command: string, contextValue: string): boolean => {
      const entry = manifest.contributes.menus['view/item/context'].find((m) => m.command === command);
      const regex = /viewItem =~ \/(.+)\/$/.exec(entry?.when ?? '')?.[1];
      assert.ok(regex, `${command} has a viewItem rule`);
      return new RegExp(regex).test(contextValue);
    };
    const kinds = ['retro', 'retro-team', 'retro-ended'] as const;
    assert.deepEqual(kinds.map((k) => shown('reciprocity.resumeRetro', k)), [true, true, false]);
    for (const command of ['reciprocity.openSummary', 'reciprocity.renameRetro', 'reciprocity.revealRetroFile', 'reciprocity.deleteRetro']) {
      assert.deepEqual(kinds.map((k) => shown(command, k)), [true, true, true], command);
    }
  });
});
