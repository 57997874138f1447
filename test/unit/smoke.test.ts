import { strict as assert } from 'node:assert';
import { parseWebviewMessage } from '../../src/protocol';

describe('protocol', () => {
  it('rejects an unknown message type with a path and reason', () => {
    const r = parseWebviewMessage({ type: 'nope' });
    assert.equal(r.ok, false);
  });
});
