import { strict as assert } from 'node:assert';
import { buildSummary } from '../../../src/domain/summary';
import type { Summary } from '../../../src/domain/summary/types';
import { exportFileName } from '../../../src/host/exportName';
import { retroEvents } from '../summary/events';

const at = new Date(2026, 11, 1, 14, 5).getTime();
const base = buildSummary(retroEvents());
const named = (title: string): Summary => ({ ...base, title, createdAt: at });

describe('export file names', () => {
  it('names the title, the local date and time, and the format', () => {
    assert.equal(exportFileName(named('Sprint 12 review'), 'md', false), 'Sprint-12-review-2026-12-01-1405.md');
  });

  it('says pseudonymised, and keeps only safe characters', () => {
    assert.equal(exportFileName(named('../../etc/passwd <x>'), 'csv', true), 'etcpasswd-x-2026-12-01-1405-pseudonymised.csv');
    assert.equal(exportFileName(named('///'), 'json', false), 'summary-2026-12-01-1405.json');
  });

  it('a pseudonymised export does not name people in its file name either', () => {
    const name = exportFileName(named('Retro with Sam Lee'), 'md', true);
    assert.doesNotMatch(name, /Sam|Lee/);
    assert.match(name, /-2026-12-01-1405-pseudonymised\.md$/);
    assert.match(exportFileName(named('Retro with Sam Lee'), 'md', false), /^Retro-with-Sam-Lee-/);
  });

  it('a very long title is cut, so the name stays usable', () => {
    const name = exportFileName(named('a'.repeat(500)), 'md', false);
    assert.ok(name.length <= 100, `${name.length}`);
    assert.match(name, /-2026-12-01-1405\.md$/);
  });
});
