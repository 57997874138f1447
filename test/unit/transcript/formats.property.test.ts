// Property: a meeting generated in any supported format (awkward names, spelling drift in
// case and spaces, CRLF or LF, Teams' clock or the spec's, markup) reads back to the
// speakers, turns, words and seconds it was generated from. The oracle is the generator's
// own record of what it wrote, never the parser.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseTranscript } from '../../../src/domain/transcript';

interface Turn {
  speaker: number;
  /** Each part is one cue or one line; words are plain ASCII, so a token is a word. */
  parts: string[][];
  startMs: number;
  /** Duration of each part, back to back with small gaps. */
  durations: number[];
}

interface Meeting {
  names: string[];
  turns: Turn[];
  eol: string;
  /** Per turn and part, whether the name is written with different case or spacing. */
  drift: boolean[];
}

const AWKWARD = ['Lee, Sam (Contractor)', 'Zoë Ångström', "Bob O'Neil", 'Ana de la Cruz', 'Jonas Müller', 'Priya R.', 'Dr. Kwame Mensah', 'Aiko Tanaka', 'Beatriz Souza'];
const HANDLES = ['j.doe@example.com', 'Room 2 | Ops', 'QA/Release Bot', 'iPhone de Juan'];
const WORDS = ['we', 'shipped', 'the', 'release', 'tests', 'were', 'flaky', 'again', 'next', 'sprint', 'I', 'think', 'so', 'yes', 'no', 'maybe'];

const word = fc.constantFrom(...WORDS);
const part = fc.array(word, { minLength: 1, maxLength: 8 });

function meeting(pool: readonly string[]): fc.Arbitrary<Meeting> {
  return fc
    .record({
      names: fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 5 }),
      raw: fc.array(fc.record({ who: fc.nat(), parts: fc.array(part, { minLength: 1, maxLength: 3 }), gap: fc.integer({ min: 0, max: 3000 }), lens: fc.array(fc.integer({ min: 300, max: 20_000 }), { minLength: 3, maxLength: 3 }) }), { minLength: 1, maxLength: 12 }),
      eol: fc.constantFrom('\n', '\r\n'),
      drift: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    })
    .map(({ names, raw, eol, drift }) => {
      const turns: Turn[] = [];
      let at = 1000;
      for (const r of raw) {
        const previous = turns[turns.length - 1]?.speaker;
        let speaker = r.who % names.length;
        if (speaker === previous) speaker = (speaker + 1) % names.length;
        if (speaker === previous) continue; // one speaker only: a single turn is enough
        // Whole seconds for formats that write only seconds; parts back to back.
        const durations = r.parts.map((_, k) => Math.ceil((r.lens[k] ?? 1000) / 1000) * 1000);
        const startMs = Math.ceil((at + r.gap) / 1000) * 1000;
        turns.push({ speaker, parts: r.parts, startMs, durations });
        at = startMs + durations.reduce((a, b) => a + b, 0);
      }
      return { names, turns, eol, drift };
    });
}

/** A later mention may drift in case or spacing; the first spelling is the one kept. */
function spelled(m: Meeting, t: Turn, k: number, seen: Set<number>): string {
  const name = m.names[t.speaker] ?? '';
  const first = !seen.has(t.speaker);
  seen.add(t.speaker);
  if (first || !m.drift[k % m.drift.length]) return name;
  return k % 2 === 0 ? name.toUpperCase() : ` ${name.replace(' ', '  ')} `;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
function clock(ms: number, teams: boolean): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const f = ms % 1000;
  return teams ? `${h}:${m}:${s}.${f}` : `${pad(h)}:${pad(m)}:${pad(s)}.${pad(f, 3)}`;
}
const hms = (ms: number): string => `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}`;

/** Calls `each(turn, part, startMs, endMs, k)` for every part, k counting parts. */
function forParts(m: Meeting, each: (t: Turn, words: string[], start: number, end: number, k: number, seen: Set<number>) => void): void {
  let k = 0;
  const seen = new Set<number>();
  for (const t of m.turns) {
    let at = t.startMs;
    t.parts.forEach((p, j) => {
      const d = t.durations[j] ?? 1000;
      each(t, p, at, at + d, k++, seen);
      at += d;
    });
  }
}

type Writer = (m: Meeting) => string;
const WRITERS: Record<string, [Writer, readonly string[], boolean]> = {
  'teams-vtt': [
    (m) => {
      const out = ['WEBVTT', ''];
      forParts(m, (t, p, a, b, k, seen) => {
        const name = spelled(m, t, k, seen).replace(/&/g, '&amp;');
        const text = k % 3 === 0 ? `<i>${p[0]}</i> ${p.slice(1).join(' ')}` : p.join(' ');
        out.push(`5d1c0f3a-8e2b-4c7d-9f10-2a3b4c5d6e7f/${k}-0`, `${clock(a, true)} --> ${clock(b, true)}`, `<v ${name}>${text}</v>`, '');
      });
      return out.join(m.eol);
    },
    [...AWKWARD, ...HANDLES],
    true,
  ],
  'zoom-vtt': [
    (m) => {
      const out = ['WEBVTT', ''];
      forParts(m, (t, p, a, b, k, seen) => out.push(String(k + 1), `${clock(a, false)} --> ${clock(b, false)}`, `${spelled(m, t, k, seen)}: ${p.join(' ')}`, ''));
      return out.join(m.eol);
    },
    [...AWKWARD, ...HANDLES],
    true,
  ],
  'zoom-chat': [
    (m) => {
      const out: string[] = [];
      forParts(m, (t, p, a, _b, k, seen) => out.push(`${hms(a)}\t${spelled(m, t, k, seen).trim()}:\t${p.join(' ')}`));
      return out.join(m.eol);
    },
    [...AWKWARD, ...HANDLES],
    false,
  ],
  'zoom-captions': [
    (m) => {
      const out: string[] = [];
      forParts(m, (t, p, a, _b, k, seen) => out.push(`[${spelled(m, t, k, seen).trim()}] ${hms(a + 36_000_000)}`, p.join(' ')));
      return out.join(m.eol);
    },
    [...AWKWARD, ...HANDLES],
    false,
  ],
  otter: [
    (m) => {
      const out: string[] = [];
      const seen = new Set<number>();
      for (const [k, t] of m.turns.entries()) {
        const s = Math.floor(t.startMs / 1000);
        out.push(`${spelled(m, t, k, seen).trim()}  ${Math.floor(s / 60)}:${pad(s % 60)}  `, t.parts.map((p) => p.join(' ')).join(' '), '');
      }
      return out.join(m.eol);
    },
    [...AWKWARD, ...HANDLES],
    false,
  ],
  'google-meet': [
    (m) => {
      const out = ['Sprint review (2025-01-06 10:00 GMT) - Transcript', '', 'Attendees', '', m.names.join(', '), '', 'Transcript', ''];
      forParts(m, (t, p, _a, _b, k, seen) => out.push(`${spelled(m, t, k, seen).trim()}: ${p.join(' ')}`, ''));
      out.push('Meeting ended after 01:00:00 👋');
      return out.join(m.eol);
    },
    AWKWARD.filter((n) => !n.includes(',')),
    false,
  ],
  plain: [
    (m) => {
      const out: string[] = [];
      forParts(m, (t, p, _a, _b, k, seen) => out.push(`${spelled(m, t, k, seen).trim()}: ${p.join(' ')}`));
      return out.join(m.eol);
    },
    AWKWARD,
    false,
  ],
};

describe('every format reads back what was generated (property)', () => {
  for (const [format, [write, pool, timed]] of Object.entries(WRITERS)) {
    it(format, () => {
      fc.assert(
        fc.property(meeting(pool), (m) => {
          const r = parseTranscript(write(m));
          if (!r.ok) assert.fail(`${r.error.message}\n${write(m)}`);
          const t = r.transcript;
          assert.equal(t.format, format);
          const spoke = [...new Set(m.turns.map((x) => x.speaker))].map((i) => m.names[i]);
          // Meet also lists attendees who never spoke, after those who did.
          const expected = format === 'google-meet' ? [...spoke, ...m.names.filter((n) => !spoke.includes(n))] : spoke;
          assert.deepEqual(t.speakers, expected);
          assert.deepEqual(
            t.turns.map((x) => [x.speaker, x.words]),
            m.turns.map((x) => [m.names[x.speaker], x.parts.flat().length]),
          );
          if (!timed) return;
          m.turns.forEach((x, k) => {
            const seconds = x.durations.reduce((a, b) => a + b, 0) / 1000;
            assert.ok(Math.abs((t.turns[k]?.seconds ?? -1) - seconds) < 0.002, `turn ${k}: ${t.turns[k]?.seconds} ≠ ${seconds}`);
          });
        }),
        { numRuns: 150 },
      );
    });
  }
});
