// Why a transcript could not be read, as data and in English. The parsers say which line and
// what it should have been (TranscriptExpected); the English here is what the CLI prints and
// what `message` holds, and the extension words the same data through l10n
// (src/transcriptWording.ts). A unit test holds the two to one English.
import { limitEnglish, type LimitProblem } from '../summary/limits';
import { FORMAT_LABELS, type TranscriptError, type TranscriptExpected, type TranscriptFormat } from './types';

const FOUND_MAX = 60;

const CUE_TIMING = 'a cue timing like 00:00:01.000 --> 00:00:04.000';
const CHAT_LINE = 'a chat line like "00:01:02<TAB>Name:<TAB>text"';
const CAPTION_HEADER = 'a caption header like "[Name] 10:15:32"';
const OTTER_SPEAKER = 'a speaker line like "Name  0:00"';
const SPEAKER_LINE = 'a line like "Name: text" or "[00:01:02] Name: text"';

/** What each kind of line should have been, in English. */
export const EXPECTED_ENGLISH: Readonly<Record<TranscriptExpected, string>> = {
  any: [`a "WEBVTT" header or ${CUE_TIMING}`, CHAT_LINE, CAPTION_HEADER, OTTER_SPEAKER, SPEAKER_LINE].join(', or '),
  webvttHeader: 'the "WEBVTT" header on the first line',
  cueTiming: CUE_TIMING,
  endAfterStart: 'an end time at or after the start time',
  chatLine: CHAT_LINE,
  captionHeader: CAPTION_HEADER,
  otterSpeaker: OTTER_SPEAKER,
  otterOrder: 'a time at or after the previous speaker line',
  speakerLine: SPEAKER_LINE,
  timestamp: 'a timestamp like [00:01:02]',
  timestampOrder: 'a timestamp at or after the previous one',
  meetMarkOrder: 'a time mark at or after the previous one',
  meetEnded: 'nothing after "Meeting ended after …" (one meeting per file)',
};

/** The shapes tried on a file that matched none, in order: WebVTT of any flavour, then the others. */
export const TRIED: readonly ('webvtt-any' | TranscriptFormat)[] = ['webvtt-any', 'zoom-chat', 'zoom-captions', 'google-meet', 'otter', 'plain'];

function triedEnglish(t: (typeof TRIED)[number]): string {
  return t === 'webvtt-any' ? 'WebVTT (Teams, Zoom, Meet, spec)' : FORMAT_LABELS[t];
}

/** The line as found, for a message: shortened so one bad line stays readable, and quoted. */
function quoteFound(line: string | undefined): string | null {
  if (line === undefined) return null;
  if (line.trim().length === 0) return '';
  return JSON.stringify(line.length > FOUND_MAX ? `${line.slice(0, FOUND_MAX)}…` : line);
}

/** What was found, in English. */
export function foundEnglish(foundLine: string | null): string {
  if (foundLine === null) return 'the end of the file';
  return foundLine === '' ? 'an empty line' : foundLine;
}

/** A line that is not what `what` says it should be; `found` is the line, undefined at the end. */
export function transcriptError(line: number, what: TranscriptExpected, found: string | undefined): TranscriptError {
  const foundLine = quoteFound(found);
  const error: TranscriptError = { line, expected: EXPECTED_ENGLISH[what], found: foundEnglish(foundLine), message: '', what, foundLine };
  return { ...error, message: transcriptErrorEnglish(error) };
}

/** The same error, for a file that matched no format: with the formats tried. */
export function unknownFormat(line: number, found: string | undefined): TranscriptError {
  const error = { ...transcriptError(line, 'any', found), tried: TRIED.map(triedEnglish) };
  return { ...error, message: transcriptErrorEnglish(error) };
}

/** The same error, saying which format the file was read as, so "expected" makes sense. */
export function readAs(error: TranscriptError, format: TranscriptFormat): TranscriptError {
  const out = { ...error, readAs: format };
  return { ...out, message: transcriptErrorEnglish(out) };
}

/** A parse error in English: "line 3: expected …, found … (read as …)". */
export function transcriptErrorEnglish(e: Pick<TranscriptError, 'line' | 'what' | 'foundLine' | 'readAs' | 'tried'>): string {
  const base = `line ${e.line}: expected ${EXPECTED_ENGLISH[e.what]}, found ${foundEnglish(e.foundLine)}`;
  if (e.readAs !== undefined) return `${base} (read as ${FORMAT_LABELS[e.readAs]})`;
  if (e.tried !== undefined) return `${base} (tried: ${TRIED.map(triedEnglish).join('; ')})`;
  return base;
}

/** Why a transcript file gives no summary, as data: the CLI and the extension word it. */
export type TranscriptProblem =
  | { key: 'parse'; file: string; error: TranscriptError }
  | { key: 'noSpeaker'; file: string; format: TranscriptFormat; cues: number }
  | { key: 'limit'; file: string; limit: LimitProblem };

/** A transcript problem in English, as the CLI prints it. */
export function transcriptProblemEnglish(p: TranscriptProblem): string {
  switch (p.key) {
    case 'parse':
      return `${p.file}: ${transcriptErrorEnglish(p.error)}`;
    case 'noSpeaker':
      return `${p.file}: read as ${FORMAT_LABELS[p.format]}, but no line names a speaker (${p.cues} cues or lines read)`;
    case 'limit':
      return `${p.file}: ${limitEnglish(p.limit)}`;
  }
}
