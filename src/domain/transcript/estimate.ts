// Times for formats that write only when each utterance started (chat logs, caption
// headers, Otter's paragraphs): an utterance lasts until the next one starts.
import { countWords } from './text';
import type { Utterance } from './types';

/** With no closing time, the last utterance's length is estimated at 150 words a minute. */
export const WORDS_PER_SECOND = 2.5;

export function estimatedMs(text: string): number {
  return Math.round((countWords(text) / WORDS_PER_SECOND) * 1000);
}

/** Each timed utterance ends where the next timed one starts; the last is estimated. */
export function closeByNextStart(out: Utterance[]): void {
  let nextStart: number | null = null;
  for (let k = out.length - 1; k >= 0; k -= 1) {
    const u = out[k];
    if (u === undefined || u.startMs === null) continue;
    u.endMs = nextStart ?? u.startMs + estimatedMs(u.text);
    nextStart = u.startMs;
  }
}

/** Wall-clock times (captions, chat) may pass midnight; a smaller time is the next day. */
export function unwrapDay(ms: number, previous: number): number {
  const DAY = 86_400_000;
  let t = ms;
  while (t < previous) t += DAY;
  return t;
}
