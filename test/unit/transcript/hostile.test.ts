// Hostile input: long lines shaped to make a backtracking pattern take quadratic time.
// Each must be read (or refused) in well under a second.
import { strict as assert } from 'node:assert';
import { parseTranscript } from '../../../src/domain/transcript';

const N = 100_000;
const CASES: [string, string][] = [
  ['a chat line of spaces with no colon', `00:00:01\tAna:\thi\n00:00:02\t${' '.repeat(N)}x`],
  ['a chat line that opens with spaces', `00:00:01\t${' '.repeat(N)}`],
  ['a desktop chat line of " to " with no colon', `00:00:01 From Ana${' to x'.repeat(N / 5)}`],
  ['an Otter-like line of double spaces with no time', `Ana  0:01\nhi\n${'a  '.repeat(N / 3)}b`],
  ['a first line of spaces before a word', `a${' '.repeat(N)}b`],
  ['a voice tag of spaces with no closing bracket', `WEBVTT\n\n00:01.000 --> 00:02.000\n<v${' '.repeat(N)}`],
  ['a cue id of dashes and slashes before a space', `WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>hi\n${'/-'.repeat(N / 2)} x\n00:02.000 --> 00:03.000\n<v Ben>yo`],
  ['a caption header with no closing bracket', `[Ana] 10:00:00\nhi\n[${'a '.repeat(N / 2)}`],
];

describe('hostile long lines finish quickly', () => {
  for (const [what, text] of CASES) {
    it(what, () => {
      const t0 = performance.now();
      parseTranscript(text);
      const ms = performance.now() - t0;
      assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    });
  }
});
