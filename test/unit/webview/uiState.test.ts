// Issue 12, defect 7: one draft over 20,000 characters wiped every draft on reload.
import { strict as assert } from 'node:assert';
import { DRAFT_MAX, capDrafts, emptyUiState, parseUiState } from '../../../src/webview/uiStateParse';

const stored = (drafts: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
  v: 1,
  sessionId: 's1',
  drafts,
  selectedMemberId: 'u1',
  scrollY: 120,
  collapsed: { notes: true },
  ...rest,
});

describe('webview UI state (issue 12, defect 7)', () => {
  it('a draft over the limit is trimmed to it; every other draft and field survives the reload', () => {
    const long = 'é'.repeat(DRAFT_MAX + 5_000);
    const ui = parseUiState(stored({ 'say:u1': 'half a thought', 'note:went-well': long, 'action:text': 'call the vendor' }));
    assert.equal(ui.drafts['say:u1'], 'half a thought');
    assert.equal(ui.drafts['action:text'], 'call the vendor');
    assert.equal(ui.drafts['note:went-well'], long.slice(0, DRAFT_MAX));
    assert.equal(ui.sessionId, 's1');
    assert.equal(ui.selectedMemberId, 'u1');
    assert.equal(ui.scrollY, 120);
    assert.deepEqual(ui.collapsed, { notes: true });
  });

  it('a draft that is not text is dropped alone', () => {
    const ui = parseUiState(stored({ 'say:u1': 'kept', 'note:x': 42, 'note:y': { text: 'no' } }));
    assert.deepEqual(ui.drafts, { 'say:u1': 'kept' });
    assert.equal(ui.sessionId, 's1');
  });

  it('a bad field costs that field only', () => {
    const ui = parseUiState(stored({ 'say:u1': 'kept' }, { scrollY: 'far', selectedMemberId: 7, collapsed: { a: 'yes', b: false } }));
    assert.deepEqual(ui.drafts, { 'say:u1': 'kept' });
    assert.equal(ui.scrollY, 0);
    assert.equal(ui.selectedMemberId, null);
    assert.deepEqual(ui.collapsed, { b: false });
    assert.equal(ui.sessionId, 's1', 'the panel still knows its retro');
  });

  it('never cuts a character in half when trimming', () => {
    const emoji = `${'a'.repeat(DRAFT_MAX - 1)}😀tail`;
    const ui = parseUiState(stored({ d: emoji }));
    assert.equal(ui.drafts['d'], 'a'.repeat(DRAFT_MAX - 1), 'the pair that would be split is left out');
  });

  it('nothing usable gives the empty state; a prototype key stays a plain key', () => {
    assert.deepEqual(parseUiState(undefined), emptyUiState());
    assert.deepEqual(parseUiState({ v: 2, drafts: { a: 'b' } }), emptyUiState());
    const ui = parseUiState(JSON.parse('{"v":1,"drafts":{"__proto__":"x","ok":"y"}}'));
    assert.deepEqual(Object.keys(ui.drafts), ['ok']);
    assert.equal(Object.getPrototypeOf(ui.drafts), Object.prototype);
  });

  it('the UI caps what it stores: a draft typed or pasted past the limit is saved at the limit', () => {
    const ui = { ...emptyUiState(), drafts: { a: 'x'.repeat(DRAFT_MAX * 2), b: 'short' } };
    const capped = capDrafts(ui);
    assert.equal(capped.drafts['a']!.length, DRAFT_MAX);
    assert.equal(capped.drafts['b'], 'short');
    // What is stored reads back whole.
    assert.deepEqual(parseUiState(JSON.parse(JSON.stringify(capped))).drafts, capped.drafts);
  });
});
