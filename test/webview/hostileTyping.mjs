// The typed half of the hostile-text tests (issue 12): the corpus put into the retro panel's
// boxes and sent with a real key press, and the checks on what reached the box and what was
// sent. Two test files share the boxes (hostile.test.mjs and hostileActions.test.mjs), so
// `--parallel` runs them in both workers at once.
//
// Each string is put in as `fill` does it (the browser's own text insertion, one `input` event)
// and sent with a real key press (Enter or Ctrl+Enter through the browser's input pipeline, to
// the focused box): see typeEach. A listener in the page, ahead of the panel's own
// handlers, notes at each Enter what the boxes hold and which box the key went to, and how many
// messages had been sent, so what each press sent is read once per box, not once per string.
// A few strings are typed key by key (`typeKeys`), where key handling matters: digits and
// letters typed into a box are text, never the panel's shortcuts.
import assert from 'node:assert/strict';
import { HOSTILE } from '../fixtures/hostile/index.mjs';
import { assertInert, panelAssets, watch } from './hostileChecks.mjs';

export { HOSTILE };
/** The corpus without its 100 KB strings: the boxes other than What was said take these. */
export const SHORT = HOSTILE.filter((h) => h.text.length <= 2000);

/**
 * One string of each kind of attack that a keyboard can type (no line breaks or other control
 * characters, no lone surrogates, at most 80 characters), to be typed key by key.
 */
export const KEYED = (() => {
  const seen = new Set();
  return HOSTILE.filter((h) => {
    const typeable = [...h.text].every((c) => c.codePointAt(0) >= 0x20 && c.codePointAt(0) !== 0x7f && !(c.codePointAt(0) >= 0xd800 && c.codePointAt(0) <= 0xdfff));
    if (seen.has(h.category) || !typeable || h.text.length > 80) return false;
    seen.add(h.category);
    return true;
  });
})();

/** Runs in the page: the Enter recorder (capture phase on window, so before the panel's handlers). */
function installRecorder() {
  window.__boxes = [];
  window.__presses = [];
  const valueOf = (el) => el.value ?? el.shadowRoot?.querySelector('textarea')?.value ?? '';
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Enter') return;
      const path = e.composedPath();
      window.__presses.push({
        values: window.__boxes.map((b) => (b.isConnected ? valueOf(b) : null)),
        into: window.__boxes.findIndex((b) => path.includes(b)),
        sentBefore: window.__sent.length,
      });
    },
    true,
  );
}

/**
 * Opens the retro panel for typing: the page is watched (hostileChecks.watch) and the
 * recorder installed. Returns the session the functions below take.
 */
export async function typingSession(suite, view) {
  const panel = await suite.open({ snapshot: view });
  const { page } = panel;
  const w = await watch(page, panelAssets(page));
  await page.evaluate(installRecorder);
  return { panel, page, w, typed: [], keyed: 0 };
}

/** Shows `view` and finds each box once (a role query walks the whole panel). */
export async function showBoxes(session, view, locators) {
  const { page, panel } = session;
  await panel.snapshot(view);
  // Each action on a handle still waits for it to be visible, enabled and editable, and fails
  // if the panel replaced it.
  const boxes = [];
  for (const locate of locators(page)) boxes.push(await locate.elementHandle());
  await page.evaluate((els) => (window.__boxes = els), boxes);
  return boxes;
}

/**
 * Puts each string of `strings` in with `fills(h, i)` (a list of [box index, text]; the last
 * box filled has the focus), presses `key`, and records for the final checks: the value of box
 * `valueBox(h, i)` when the key was pressed, and the `read` field of the `kind` intent that press
 * sent. Fails if a press went to another box than the last one filled.
 *
 * The strings go in box by box (string i still goes to the box `fills` names for it), so the
 * focus can stay in one box: a box that still has the focus from the last string is refilled
 * with the browser's text insertion, as `fill` does, without `fill`'s round trips to find and
 * check the box again, after a real Ctrl+A unless the last string was sent (the panel empties
 * the box it sent from; a Ctrl+A was a third of each string's CPU, 100 strings at load 20);
 * any other box is put in with `fill`, which focuses it after checking that it is visible,
 * enabled and editable.
 */
export async function typeEach(session, boxes, { field, strings, fills, key, kind, valueBox = (h, i) => fills(h, i).at(-1)[0], read = (intent) => intent.text }) {
  const { page } = session;
  const order = [...strings.keys()].sort((a, b) => fills(strings[a], a)[0][0] - fills(strings[b], b)[0][0]);
  const start = await page.evaluate(() => window.__presses.length);
  let focused = -1;
  let emptied = false;
  for (const i of order) {
    for (const [box, text] of fills(strings[i], i)) {
      if (box === focused) {
        if (!emptied) await page.keyboard.press('Control+A');
        if (text === '') {
          if (!emptied) await page.keyboard.press('Delete');
        } else await page.keyboard.insertText(text);
      } else {
        await boxes[box].fill(text);
        focused = box;
      }
      emptied = false;
    }
    await page.keyboard.press(key);
    // A string with more than white space was sent, and the panel empties the box it sent
    // from: the next string goes into the empty box without selecting. Were the box not
    // emptied, its value at the next press would be two strings, and the checks fail.
    emptied = fills(strings[i], i).at(-1)[1].trim() !== '';
  }
  const { presses, sent } = await page.evaluate((from) => ({ presses: window.__presses.slice(from), sent: window.__sent }), start);
  assert.equal(presses.length, strings.length, `${field}: one Enter per string`);
  for (const [n, i] of order.entries()) {
    const h = strings[i];
    const p = presses[n];
    const lastFilled = fills(h, i).at(-1)[0];
    assert.equal(p.into, lastFilled, `${field} ${h.id}: the key went to box ${p.into}, not the box just filled (${lastFilled})`);
    const until = presses[n + 1]?.sentBefore ?? sent.length;
    const [intent] = sent.slice(p.sentBefore, until).filter((m) => m.type === 'intent' && m.intent.kind === kind).map((m) => m.intent);
    const value = p.values[valueBox(h, i)];
    assert.equal(typeof value, 'string', `${field} ${h.id}: the box was replaced`);
    session.typed.push([field, h, value, intent === undefined ? undefined : read(intent)]);
  }
}

/**
 * Types each of `strings` key by key into box `box` (a key press per character; characters a
 * US keyboard has no key for are inserted as an IME would), then presses `key`: nothing is sent
 * while typing (no digit records a turn, no letter is a shortcut), the box holds exactly the
 * string, and the press sends one `kind` intent.
 */
export async function typeKeys(session, boxes, { field, strings, box, key, kind }) {
  const { page, panel } = session;
  for (const h of strings) {
    await boxes[box].fill('');
    await panel.clearSent();
    await page.keyboard.type(h.text);
    const before = await page.evaluate(() => window.__sent.filter((m) => m.type === 'intent').map((m) => m.intent));
    assert.deepEqual(before, [], `${field} ${h.id}: typing it key by key sent something`);
    const start = await page.evaluate(() => window.__presses.length);
    await page.keyboard.press(key);
    const [p] = await page.evaluate((from) => window.__presses.slice(from), start);
    assert.equal(p.into, box, `${field} ${h.id}: the key went to another box`);
    assert.equal(p.values[box], h.text, `${field} ${h.id}: typed key by key, the box holds something else`);
    const intents = (await panel.intents()).filter((i) => i.kind === kind);
    assert.equal(intents.length, 1, `${field} ${h.id}: one ${kind} intent`);
    session.typed.push([`${field} (key by key)`, h, p.values[box], intents[0].text]);
    session.keyed++;
  }
}

/** No script ran, nothing live, no foreign request, no dialog, after typing into `where`. */
export const assertTypedInert = (session, where) => assertInert(session.page, session.w, where);

/**
 * The final checks: what reached each box is what was put in (a one-line box drops line
 * breaks, as browsers do), and what was sent is that value, at most trimmed and capped to the
 * protocol's 8000 characters; never escaped, decoded or dropped. Then no CSP violation and no
 * page error. Returns how many strings were sent.
 */
export async function assertTypedAsSent(session) {
  let sent = 0;
  for (const [field, h, value, text] of session.typed) {
    const oneLine = h.text.replace(/[\r\n]/g, '');
    const lf = h.text.replace(/\r\n?/g, '\n'); // a text area keeps line breaks as LF
    // Chromium inserts text into a one-line input with each line break (CR LF, CR or LF)
    // turned into one space; U+2028 and U+2029 stay.
    const spaced = h.text.replace(/\r\n|[\r\n]/g, ' ');
    // Typing goes through the browser's input as UTF-8: a lone surrogate arrives as U+FFFD.
    const wellFormed = (t) => t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
    assert.ok([h.text, oneLine, lf, spaced].map(wellFormed).includes(value) || [h.text, oneLine, lf, spaced].includes(value), `${field} ${h.id}: the box holds ${JSON.stringify(value.slice(0, 60))} ${[...value.slice(0, 40)].map((c) => c.codePointAt(0).toString(16)).join(',')}`);
    if (value.trim() === '' && text === undefined) continue; // an empty answer is not sent
    assert.equal(typeof text, 'string', `${field} ${h.id}: nothing was sent`);
    const expected = [value, value.trim()].map((s) => s.slice(0, 8000));
    assert.ok(expected.includes(text), `${field} ${h.id}: sent ${JSON.stringify(text.slice(0, 60))} for ${JSON.stringify(value.slice(0, 60))}`);
    sent++;
  }
  assert.deepEqual(await session.panel.violations(), [], 'no CSP violations');
  assert.deepEqual(session.panel.errors, [], 'no page errors');
  return sent;
}
