// Issue 11 (retros people can find again): two retros with one title on one day open two
// summary tabs that can be told apart, as their retro tabs can: "Summary: {title} · HH:MM",
// the local time each started. The summaries are built from real saved retros.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fake } from './fakeVscode';
import { defaultDeck } from '../../../src/domain/decks/builtin';
import { sequentialIds } from '../../../src/domain/ids';
import { sessionFileFromEvents } from '../../../src/domain/persistence';
import { startSession } from '../../../src/domain/retro';
import { SessionStore } from '../../../src/host/sessionStore';
import { retroSummarySource } from '../../../src/host/summarySources';

const morning = new Date(2026, 11, 1, 9, 5).getTime(); // local time
const afternoon = new Date(2026, 11, 1, 14, 30).getTime();

function retro(title: string, now: number) {
  const events = startSession({ title, teamId: 't', members: ['Ada', 'Bo', 'Cy'], deck: defaultDeck(), settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 }, now, newId: sequentialIds(`x${now}`), recentPromptIds: [] });
  return sessionFileFromEvents(events);
}

describe('summary tab title', () => {
  beforeEach(() => fake.reset());

  it('tells two retros with one title on one day apart by the time each started', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recip-summary-tab-'));
    const store = new SessionStore(() => dir);
    const a = await store.save(retro('Sprint 12', morning));
    const b = await store.save(retro('Sprint 12', afternoon));
    const first = retroSummarySource(store, a.id, () => undefined);
    const second = retroSummarySource(store, b.id, () => undefined);
    await first.build({ pseudonymise: false, namedTable: false });
    await second.build({ pseudonymise: false, namedTable: false });
    assert.equal(first.title, 'Summary: Sprint 12 · 09:05');
    assert.equal(second.title, 'Summary: Sprint 12 · 14:30');
  });
});
