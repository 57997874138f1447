// Issue 12 (l10n): why a transcript or a session file cannot be read reaches the person in the
// display language. The domain says it as data (TranscriptProblem, SessionFileProblem) and in
// English for the CLI; the extension words the data through vscode.l10n. In a pseudo-locale
// (every message wrapped ⟦…⟧, every value filled in marked ‹…›) each message VS Code shows must
// be wrapped, and each value in it either wrapped too or data (a file name, a line of the
// file). English passed through as a value shows up as an unwrapped word and fails.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fakeVscode } from './fakeVscode';
import { builtinDecks } from '../../../src/domain/decks/builtin';
import { fileProblemEnglish, type SessionFileProblem } from '../../../src/domain/fileProblem';
import { parseSessionFile, serializeSession, sessionFileFromEvents } from '../../../src/domain/persistence';
import type { LimitProblem } from '../../../src/domain/summary/limits';
import { parseJson, type JsonFault } from '../../../src/domain/text';
import { transcriptProblemEnglish, type TranscriptProblem } from '../../../src/domain/transcript/errors';
import { transcriptSession } from '../../../src/domain/transcript/load';
import type { TranscriptExpected, TranscriptFormat } from '../../../src/domain/transcript/types';
import type { SessionEvent } from '../../../src/domain/types';
import { fileProblemText, transcriptProblemText } from '../../../src/host/problemText';
import { SessionStore } from '../../../src/host/sessionStore';
import { storageText, useStorageText, type StorageText } from '../../../src/host/storageText';
import { L10N_STORAGE_TEXT } from '../../../src/host/storageTextL10n';
import { loadTranscript, transcriptSummarySource } from '../../../src/host/summarySources';
import { FORMAT_LABELS } from '../../../src/domain/transcript/types';
import { formatName } from '../../../src/transcriptWording';
import { loadTranscripts } from '../../../src/host/transcriptImport';
import { realT, pseudoT, unwrapped, wrapped } from './pseudoLocale';

/** One bad file for each way a transcript can fail to read, and what it should have been. */
const BAD_TRANSCRIPTS: Record<string, string> = {
  'no-format.txt': 'hello world, no format here\n',
  'empty.txt': '',
  'header.vtt': '\nWEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: hi\n',
  'timing.vtt': 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: hi\n\nnot a timing\n00:00:0x --> y\nBo: yo\n',
  'backwards.vtt': 'WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nAna: hi\n',
  'captions.txt': '[Ana] 10:75:32\nhello\n',
  'otter-first.txt': 'Ana  0:75\nhello\n',
  'otter-order.txt': 'Ana  0:00\nhello\n\nBo  0:30\nyo\n\nAna  0:10\nback\n',
  'plain-stamp.txt': '[00:01:02] Ana: hi\n[0x:01] Bo: yo\n',
  'plain-order.txt': '[00:01:02] Ana: hi\n[00:00:01] Bo: yo\n',
  'plain-line.txt': 'Ana: hi\n\n[00:00:01] what\n',
  'meet-order.txt': 'Meeting title\nAttendees\nAna, Bo\nTranscript\n00:01:00\nAna: hi\n00:00:10\nBo: yo\n',
  'meet-end.txt': 'Attendees\nAna, Bo\nTranscript\n00:00:00\nAna: hi\nMeeting ended after 00:01:00\nmore\n',
  'nobody.vtt': 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello there\n',
  'long-name.vtt': `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v ${'Ana'.repeat(400)}>hello\n`,
};

/** The data in a transcript's message: its name and its lines (quoted as found, or cut). */
function transcriptData(name: string, text: string): string[] {
  return [name, ...text.split('\n').flatMap((l) => [JSON.stringify(l), JSON.stringify(`${l.slice(0, 60)}…`)])];
}

describe('why a file cannot be read, in the display language (issue 12, l10n)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recip-problems-'));
  });
  afterEach(() => {
    fakeVscode.l10n.t = realT;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function importError(name: string, load: (file: string) => Promise<unknown>): Promise<string> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, BAD_TRANSCRIPTS[name] ?? '');
    try {
      await load(file);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    assert.fail(`${name} was imported`);
  }

  describe('transcripts (Import Meeting Transcript, the summary panel)', () => {
    it('shows every parse error through vscode.l10n, with the expected line and the format worded too', async () => {
      fakeVscode.l10n.t = pseudoT;
      for (const name of Object.keys(BAD_TRANSCRIPTS)) {
        const message = await importError(name, (f) => loadTranscripts([f]));
        assert.ok(wrapped(message), `${name}: ${message}`);
        assert.deepEqual(unwrapped(message, transcriptData(name, BAD_TRANSCRIPTS[name] ?? '')), [], name);
      }
    });

    it('the summary panel reads a transcript the same way', async () => {
      fakeVscode.l10n.t = pseudoT;
      for (const name of ['no-format.txt', 'timing.vtt', 'nobody.vtt']) {
        const message = await importError(name, loadTranscript);
        assert.ok(wrapped(message), `${name}: ${message}`);
        assert.deepEqual(unwrapped(message, transcriptData(name, BAD_TRANSCRIPTS[name] ?? '')), [], name);
      }
    });

    it('says in English what the CLI prints, word for word', async () => {
      for (const [name, text] of Object.entries(BAD_TRANSCRIPTS)) {
        const cli = transcriptSession(text, name, Date.UTC(2025, 0, 6));
        assert.ok(!cli.ok, name);
        if (!cli.ok) assert.equal(await importError(name, (f) => loadTranscripts([f])), cli.message, name);
      }
    });

    it('words each expected line, format and limit as the English does', () => {
      const expected: TranscriptExpected[] = [
        'any', 'webvttHeader', 'cueTiming', 'endAfterStart', 'chatLine', 'captionHeader', 'otterSpeaker', 'otterOrder',
        'speakerLine', 'timestamp', 'timestampOrder', 'meetMarkOrder', 'meetEnded',
      ];
      const formats: TranscriptFormat[] = ['teams-vtt', 'zoom-vtt', 'webvtt', 'zoom-chat', 'zoom-captions', 'google-meet', 'otter', 'plain'];
      const problems: TranscriptProblem[] = [];
      for (const what of expected) {
        for (const foundLine of [null, '', '"a line"']) {
          const error = { line: 3, what, foundLine, expected: '', found: '', message: '' };
          problems.push({ key: 'parse', file: 'f.vtt', error });
          problems.push({ key: 'parse', file: 'f.vtt', error: { ...error, tried: [] } });
          for (const readAs of formats) problems.push({ key: 'parse', file: 'f.vtt', error: { ...error, readAs } });
        }
      }
      for (const format of formats) problems.push({ key: 'noSpeaker', file: 'f.vtt', format, cues: 12 });
      const limits: LimitProblem[] = [
        { key: 'nameTooLong', length: 1200, max: 1000 },
        { key: 'tooManyMembers', members: 100_001, max: 100_000 },
      ];
      for (const limit of limits) problems.push({ key: 'limit', file: 'f.vtt', limit });
      for (const p of problems) assert.equal(transcriptProblemText(p, 'en-US'), transcriptProblemEnglish(p), JSON.stringify(p));
    });
  });

  describe('session files (opening, listing and saving a retro)', () => {
    let before: StorageText;
    beforeEach(() => {
      before = storageText();
      fakeVscode.l10n.t = pseudoT;
      useStorageText(L10N_STORAGE_TEXT);
    });
    afterEach(() => useStorageText(before));

    const created = (): SessionEvent => ({
      id: 'e0', at: 1000, actor: 'fac', type: 'session.created', sessionId: 's1', title: 'Retro', teamId: 'team',
      deck: builtinDecks()[0], settings: { turnSoftCapSeconds: 90, maxTextLength: 2000 },
    });
    const good = () => serializeSession(sessionFileFromEvents([created()]));
    /** Damaged and unreadable files, each with the data its message may carry besides the file names. */
    const BAD_FILES: Record<string, { text: string; data: string[] }> = {
      'not JSON': { text: '{ "v": 2, oops', data: [] },
      'cut short': { text: '{ "v": 2, "events": [', data: [] },
      'not a session': { text: '[1, 2]', data: [] },
      'a version that is no number': { text: good().replace('"v": 2', '"v": "two"'), data: [] },
      'a version with no migration': { text: good().replace('"v": 2', '"v": -1'), data: [] },
      'nested too deep': { text: good().replace('"v": 2,', `"v": 2, "x": ${'['.repeat(80)}${']'.repeat(80)},`), data: ['x'] },
      'a missing field': { text: good().replace('"title": "Retro",', ''), data: ['title'] },
      'a wrong type': { text: good().replace('"at": 1000', '"at": "soon"'), data: ['events[0].at'] },
      'an event type that is no text': { text: good().replace('"type": "session.created"', '"type": 42'), data: ['events[0].type', '42'] },
      'text after the JSON': { text: `${good()}x`, data: [] },
      'a bad escape': { text: '{ "v": 2, "title": "a\\q" }', data: [] },
      'a control character': { text: '{ "v": 2, "title": "a\u0001" }', data: [] },
      'a bad number': { text: '{ "v": -x }', data: [] },
      'an id too long': { text: good().replace('"sessionId": "s1"', `"sessionId": "${'x'.repeat(300)}"`), data: ['events[0].sessionId'] },
      'a time that is no finite number': { text: good().replace('"at": 1000', '"at": 1e999'), data: ['events[0].at'] },
      'a blank deck name': { text: good().replace(`"name": "${builtinDecks()[0]!.name}"`, '"name": " "'), data: ['events[0].deck.name', 'name'] },
    };
    /**
     * The tokens a check quotes from the schema and the file ("number", the value found) and a
     * JSON fault's characters: data, shown as they are. The sentences around them are not.
     */
    function technical(text: string): string[] {
      const json = parseJson(text);
      if (!json.ok) return Object.values(json.fault).slice(1) as string[];
      const parsed = parseSessionFile(text, 's1.json');
      if (parsed.ok || parsed.problem.key !== 'invalid') return [];
      const d = parsed.problem.detail;
      return d.kind === 'check' ? [d.expected ?? '', d.received] : [];
    }

    it('a damaged file opened: the reason and where it was kept are worded through vscode.l10n', async () => {
      for (const [what, { text, data }] of Object.entries(BAD_FILES)) {
        const store = new SessionStore(() => dir);
        fs.writeFileSync(store.pathFor('s1'), text);
        const message = await store.open('s1').then(
          () => assert.fail(`${what} opened`),
          (err: Error) => err.message,
        );
        const keptAs = fs.readdirSync(dir).filter((n) => n.includes('damaged'));
        assert.ok(wrapped(message), `${what}: ${message}`);
        assert.deepEqual(unwrapped(message, ['s1.json', ...keptAs, ...data, ...technical(text)]), [], what);
        for (const n of fs.readdirSync(dir)) fs.rmSync(path.join(dir, n));
      }
    });

    it('the retro list names each damaged file with its reason, worded through vscode.l10n', async () => {
      const names = Object.keys(BAD_FILES).map((_, i) => `s${i}`);
      Object.values(BAD_FILES).forEach(({ text }, i) => fs.writeFileSync(path.join(dir, `${names[i]}.json`), text));
      const { damaged } = await new SessionStore(() => dir).list();
      assert.equal(damaged.length, names.length);
      for (const d of damaged) {
        const i = names.indexOf(path.basename(d.file, '.json'));
        const bad = Object.values(BAD_FILES)[i]!;
        assert.ok(wrapped(d.message), d.message);
        assert.deepEqual(unwrapped(d.message, [`${names[i]}.json`, ...bad.data, ...technical(bad.text).map((t) => t.replace('s1.json', `${names[i]}.json`))]), [], d.message);
      }
    });

    it('a file from a newer version it cannot read, and a save over one: worded through vscode.l10n', async () => {
      const store = new SessionStore(() => dir);
      const p = store.pathFor('s1');
      // Newer, and its events are not what this version reads: refused, left untouched.
      fs.writeFileSync(p, good().replace('"v": 2', '"v": 9').replace('"at": 1000', '"at": "soon"'));
      const opened = await store.open('s1').then(() => 'opened', (err: Error) => err.message);
      assert.ok(wrapped(opened), opened);
      assert.deepEqual(unwrapped(opened, ['s1.json']), []);
      // A save finds a newer version's file on disk: refused, and the window goes read-only.
      fs.writeFileSync(p, good().replace('"v": 2', '"v": 9'));
      const saved = await store.save(sessionFileFromEvents([created()])).then(() => 'saved', (err: Error) => err.message);
      assert.ok(wrapped(saved), saved);
      assert.deepEqual(unwrapped(saved, ['s1.json']), []);
    });

    it('a save that can never succeed (a value nested too deep): worded through vscode.l10n', async () => {
      const store = new SessionStore(() => dir);
      let deep: unknown = 'x';
      for (let i = 0; i < 80; i++) deep = [deep];
      const file = sessionFileFromEvents([{ ...created(), future: deep } as unknown as SessionEvent]);
      const message = await store.save(file).then(() => 'saved', (err: Error) => err.message);
      assert.ok(wrapped(message), message);
      assert.match(message, /‹64›/);
      assert.deepEqual(unwrapped(message, ['events[0].future']), []);
      fakeVscode.l10n.t = realT;
      const english = await store.save(file).then(() => 'saved', (err: Error) => err.message);
      assert.equal(english, 'The retro cannot be saved: events[0].future: a value is nested more than 64 levels deep.');
    });

    it('says every JSON fault and check in English as the CLI does, and through vscode.l10n otherwise', () => {
      const faults: JsonFault[] = [
        { key: 'end' }, { key: 'expected', want: ':', found: '}' }, { key: 'unterminated' }, { key: 'escape' }, { key: 'control' },
        { key: 'number' }, { key: 'deep' }, { key: 'unexpected', found: '#' }, { key: 'separator', close: ']' }, { key: 'trailing' }, { key: 'invalid' },
      ];
      const labels = ['type', 'length', 'value', 'format', 'key', 'integer', 'finite', 'input', 'entries', 'item', 'size', 'credit card'];
      const checks = labels.flatMap((label) => [
        { kind: 'check' as const, label, expected: '"a" | "b"', received: '"c"' },
        { kind: 'check' as const, label, expected: null, received: '"c"' },
      ]);
      for (const problem of [
        ...faults.map((fault): SessionFileProblem => ({ key: 'notJson', file: 's1.json', fault, line: 2, column: 4 })),
        ...checks.map((detail): SessionFileProblem => ({ key: 'invalid', file: 's1.json', path: 'events[1].x', detail })),
      ]) {
        fakeVscode.l10n.t = realT;
        assert.equal(fileProblemText(problem), fileProblemEnglish(problem), JSON.stringify(problem));
        fakeVscode.l10n.t = pseudoT;
        const text = fileProblemText(problem);
        const label = problem.key === 'invalid' && problem.detail.kind === 'check' ? problem.detail.label : '';
        // A label this build has no sentence for stays valibot's word; the known ones are worded.
        assert.deepEqual(unwrapped(text, ['s1.json', 'events[1].x', '"a" | "b"', '"c"', ...(label === 'credit card' ? ['credit', 'card'] : [])]), [], text);
      }
    });

    it("has a sentence for the label of every valibot check src uses, so none reaches a person as valibot's English word", () => {
      // Valibot names each check's issue with a word ("Invalid finite: Received Infinity"); a
      // word without a sentence of ours would be shown as it is. Read from valibot's own code:
      // which label each function gives its issues, for the functions src calls.
      const valibot = fs.readFileSync(require.resolve('valibot').replace(/index\.c?js$/, 'index.mjs'), 'utf8');
      const labelsOf = new Map<string, string[]>();
      for (const part of valibot.split(/\n(?=function [A-Za-z0-9_]+\()/)) {
        const name = /^function ([A-Za-z0-9_]+)\(/.exec(part)?.[1];
        const labels = [...part.matchAll(/_addIssue\(\s*this,\s*"([a-z ]+)"/g)].map((m) => m[1]!);
        if (name && labels.length) labelsOf.set(name, labels);
      }
      assert.ok((labelsOf.get('maxLength') ?? []).includes('length'), "valibot's code is read as expected");
      const used = new Set<string>();
      const walk = (d: string): void => {
        for (const n of fs.readdirSync(d)) {
          const p = path.join(d, n);
          if (fs.statSync(p).isDirectory()) walk(p);
          else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bv\.([a-zA-Z]+)(?:<[^>(]*>)?\(/g)) used.add(m[1]!);
        }
      };
      walk(path.join(__dirname, '../../../src'));
      const labels = new Set([...used].flatMap((f) => labelsOf.get(f) ?? []));
      assert.ok(labels.has('length') && labels.has('type'), [...labels].join());
      fakeVscode.l10n.t = pseudoT;
      for (const label of labels) {
        for (const expected of ['"a"', null]) {
          const problem: SessionFileProblem = { key: 'invalid', file: 's1.json', path: 'x', detail: { kind: 'check', label, expected, received: '"c"' } };
          const text = fileProblemText(problem);
          assert.deepEqual(unwrapped(text, ['s1.json', 'x', '"a"', '"c"']), [], `${label}: ${text}`);
        }
      }
    });

    it('says in English what the CLI prints, for every kind of problem', () => {
      fakeVscode.l10n.t = realT;
      const problems: SessionFileProblem[] = [
        { key: 'notJson', file: 's1.json', fault: { key: 'unterminated' }, line: 3, column: 9 },
        { key: 'notJson', file: 's1.json', fault: { key: 'expected', want: '"', found: 'o' }, line: 1, column: 11 },
        { key: 'invalid', file: 's1.json', path: 'events[0].at', detail: { kind: 'check', label: 'type', expected: 'number', received: '"soon"' } },
        { key: 'invalid', file: 's1.json', path: 'events[0].roti', detail: { kind: 'check', label: 'value', expected: '<=5', received: '7' } },
        { key: 'invalid', file: 's1.json', path: 'x', detail: { kind: 'check', label: 'credit card', expected: null, received: '"1"' } },
        { key: 'invalid', file: 's1.json', path: 'events[0].deck.name', detail: { kind: 'deck', check: { key: 'blank', field: 'name' } } },
        { key: 'notSession', file: 's1.json' },
        { key: 'badVersion', file: 's1.json' },
        { key: 'newer', file: 's1.json', version: 9, reads: 2 },
        { key: 'noMigration', file: 's1.json', from: -1 },
        { key: 'invalid', file: 's1.json', path: 'events[5].type', detail: { kind: 'unknownEvent', type: '42' } },
        { key: 'invalid', file: 's1.json', path: 'events[0].colour', detail: { kind: 'unknownField', field: '"colour"' } },
        { key: 'invalid', file: 's1.json', path: 'events[0].title', detail: { kind: 'required' } },
        { key: 'invalid', file: 's1.json', path: 'x[0][0]', detail: { kind: 'nested', max: 64 } },
        { key: 'invalid', file: 's1.json', path: 'events[0].at', detail: { kind: 'other', text: 'Invalid type: Expected number but received "soon"' } },
        { key: 'invalid', file: 's1.json', path: '', detail: { kind: 'required' } },
      ];
      for (const p of problems) assert.equal(fileProblemText(p), fileProblemEnglish(p), JSON.stringify(p));
      for (const [what, { text }] of Object.entries(BAD_FILES)) {
        const parsed = parseSessionFile(text, 's1.json');
        assert.ok(!parsed.ok, what);
        if (!parsed.ok) assert.equal(fileProblemText(parsed.problem), parsed.message, what);
      }
    });
  });

  describe("a transcript's format in the summary panel", () => {
    it('is named through l10n, as the English the exports and the CLI print', () => {
      for (const [id, english] of Object.entries(FORMAT_LABELS)) {
        assert.equal(formatName({ t: realT }, id as TranscriptFormat), english);
        assert.equal(formatName({ t: pseudoT }, id as TranscriptFormat), `⟦${english}⟧`);
      }
    });

    it('reaches the panel as data, beside the English the exports keep', async () => {
      const file = path.join(dir, 'standup.vtt');
      fs.writeFileSync(file, 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ana>Morning all\n\n00:00:05.000 --> 00:00:07.000\n<v Bo>Hi\n');
      // The panel's key is the file's URI; the small fake has no Uri.file of its own.
      const uri = fakeVscode.Uri as Record<string, unknown>;
      uri['file'] = (p: string) => ({ fsPath: p, toString: () => `file://${p}` });
      const { summary } = await transcriptSummarySource(file)
        .build({ pseudonymise: false, namedTable: false })
        .finally(() => delete uri['file']);
      assert.equal(summary.transcriptFormatId, 'webvtt');
      assert.equal(summary.transcriptFormat, 'WebVTT');
    });
  });
});
