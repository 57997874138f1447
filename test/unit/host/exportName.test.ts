import { strict as assert } from 'node:assert';
import { exportFileName } from '../../../src/host/exportName';

const at = new Date(2026, 11, 1, 14, 5).getTime();

describe('export file names', () => {
  it('names the title, the local date and time, and the format', () => {
    assert.equal(exportFileName({ title: 'Sprint 12 review', createdAt: at }, 'md', false), 'Sprint-12-review-2026-12-01-1405.md');
  });

  it('says pseudonymised, and keeps only safe characters', () => {
    assert.equal(exportFileName({ title: '../../etc/passwd <x>', createdAt: at }, 'csv', true), 'etcpasswd-x-2026-12-01-1405-pseudonymised.csv');
    assert.equal(exportFileName({ title: '///', createdAt: at }, 'json', false), 'summary-2026-12-01-1405.json');
  });

  it('a very long title is cut, so the name stays usable', () => {
    const name = exportFileName({ title: 'a'.repeat(500), createdAt: at }, 'md', false);
    assert.ok(name.length <= 100, `${name.length}`);
    assert.match(name, /-2026-12-01-1405\.md$/);
  });
});
