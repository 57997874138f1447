// Importing transcripts in VS Code (issue 10): which files a pick or a folder means, the
// cancellable progress for a series, and a bad file stopping the whole import with its name.
// The vscode module is the small fake; the files are real, in a temporary folder.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fakeVscode } from './fakeVscode';
import { expandTranscriptUris, ImportCancelled, loadTranscripts } from '../../../src/host/transcriptImport';

const REAL = path.join(__dirname, '..', '..', 'fixtures', 'transcripts', 'real');

interface ProgressCall {
  options: { title?: string; cancellable?: boolean };
  reports: { message?: string; increment?: number }[];
}

/** withProgress that records what it was asked, and can cancel after `cancelAfterReports` reports. */
function fakeProgress(cancelAfterReports?: number): ProgressCall[] {
  const calls: ProgressCall[] = [];
  Object.assign(fakeVscode.window, {
    withProgress: async <T>(
      options: ProgressCall['options'],
      task: (progress: { report(r: { message?: string; increment?: number }): void }, token: unknown) => Promise<T>,
    ): Promise<T> => {
      const call: ProgressCall = { options, reports: [] };
      calls.push(call);
      const listeners: (() => void)[] = [];
      const token = {
        isCancellationRequested: false,
        onCancellationRequested: (l: () => void) => {
          listeners.push(l);
          return { dispose: () => listeners.splice(listeners.indexOf(l), 1) };
        },
      };
      const progress = {
        report: (r: { message?: string; increment?: number }) => {
          call.reports.push(r);
          if (cancelAfterReports !== undefined && call.reports.length >= cancelAfterReports) {
            token.isCancellationRequested = true;
            listeners.forEach((l) => l());
          }
        },
      };
      return task(progress, token);
    },
  });
  return calls;
}

const fileUri = (p: string) => ({ scheme: 'file', fsPath: p, toString: () => `file://${p}` });

describe('importing transcripts in VS Code (issue 10)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocity-import-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('which files an import means', () => {
    it('a folder is its visible files in the order people number meetings (2 before 10)', async () => {
      for (const name of ['standup-10.vtt', 'standup-2.vtt', 'Standup-1.vtt', '.DS_Store', 'standup-03.vtt']) {
        fs.writeFileSync(path.join(dir, name), 'x');
      }
      fs.mkdirSync(path.join(dir, 'nested'));
      const files = await expandTranscriptUris([fileUri(dir) as never]);
      assert.deepEqual(files.map((f) => path.basename(f)), ['Standup-1.vtt', 'standup-2.vtt', 'standup-03.vtt', 'standup-10.vtt']);
    });

    it('picked files stay in the order they were picked, next to a folder’s', async () => {
      const a = path.join(dir, 'b.txt');
      const b = path.join(dir, 'a.txt');
      fs.writeFileSync(a, 'x');
      fs.writeFileSync(b, 'x');
      assert.deepEqual(await expandTranscriptUris([fileUri(a), fileUri(b)] as never), [a, b]);
    });

    it('an empty folder and a file that is not on this machine are clear errors', async () => {
      fs.mkdirSync(path.join(dir, 'empty'));
      fs.writeFileSync(path.join(dir, 'empty', '.hidden'), 'x');
      await assert.rejects(expandTranscriptUris([fileUri(path.join(dir, 'empty')) as never]), /empty: the folder holds no files/);
      const remote = { scheme: 'vscode-vfs', fsPath: '/x.vtt', toString: () => 'vscode-vfs://github/team/x.vtt' };
      await assert.rejects(expandTranscriptUris([remote as never]), /vscode-vfs:\/\/github\/team\/x\.vtt is not a file on this machine/);
      await assert.rejects(expandTranscriptUris([fileUri(path.join(dir, 'gone.vtt')) as never]), /ENOENT/);
    });
  });

  describe('reading them', () => {
    it('one small file reads without a notification', async () => {
      const calls = fakeProgress();
      const [t] = await loadTranscripts([path.join(REAL, 'zoom-cloud.vtt')]);
      assert.equal(calls.length, 0);
      assert.ok(t && t.events.some((e) => e.type === 'member.added'));
    });

    it('a series reads in order under one cancellable notification that names each file', async () => {
      const calls = fakeProgress();
      const files = ['zoom-cloud.vtt', 'teams-graph.vtt', 'otter.txt'].map((f) => path.join(REAL, f));
      const loaded = await loadTranscripts(files);
      assert.equal(loaded.length, 3);
      // In the order given, each read as the exporter that wrote it.
      assert.match(loaded[0]?.format ?? '', /zoom/i);
      assert.match(loaded[1]?.format ?? '', /teams/i);
      assert.match(loaded[2]?.format ?? '', /otter/i);
      assert.equal(calls.length, 1);
      assert.equal(calls[0]?.options.cancellable, true);
      assert.deepEqual(calls[0]?.reports.map((r) => r.message), ['zoom-cloud.vtt (1 of 3)', 'teams-graph.vtt (2 of 3)', 'otter.txt (3 of 3)']);
      // The increments are each file's share of the bytes: together the whole bar.
      const total = calls[0]?.reports.reduce((s, r) => s + (r.increment ?? 0), 0) ?? 0;
      assert.ok(Math.abs(total - 100) < 1e-9, `increments add up to ${total}`);
      const sizes = files.map((f) => fs.statSync(f).size);
      const expectedFirst = (100 * (sizes[0] ?? 0)) / sizes.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs((calls[0]?.reports[0]?.increment ?? 0) - expectedFirst) < 1e-9);
    });

    it('cancelling stops the series with ImportCancelled, and returns nothing half-read', async () => {
      // Cancelled as the second file starts: its read is aborted, the third never starts.
      fakeProgress(2);
      const files = ['zoom-cloud.vtt', 'teams-graph.vtt', 'otter.txt'].map((f) => path.join(REAL, f));
      await assert.rejects(loadTranscripts(files), (err: unknown) => err instanceof ImportCancelled && /cancelled/i.test(err.message));
    });

    it('one bad file in a series stops the import with that file’s name and line', async () => {
      fakeProgress();
      const bad = path.join(dir, 'week-2.vtt');
      fs.writeFileSync(bad, 'WEBVTT\n\n00:00:01.000 --> banana\n<v Ana>hello\n');
      const files = [path.join(REAL, 'zoom-cloud.vtt'), bad, path.join(REAL, 'otter.txt')];
      await assert.rejects(loadTranscripts(files), (err: unknown) => err instanceof Error && /week-2\.vtt/.test(err.message) && /line \d+/i.test(err.message));
    });
  });
});
