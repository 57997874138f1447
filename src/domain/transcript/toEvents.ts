// A transcript becomes an ordinary event log: one synthetic "meeting" prompt at depth
// 1, one member per named speaker and one contribution per turn. The same replay,
// balance engine and summary then serve meetings held outside the editor.
import { sequentialIds, type NewId } from '../ids';
import type { Deck, SessionEvent, SessionSettings } from '../types';
import type { SpeakerTurn, Transcript } from './types';
import { speakerKey } from './text';
import { nameKey } from '../text';

/** The importer records a transcript as its facilitator. */
export const TRANSCRIPT_ACTOR = 'transcript';

export const TRANSCRIPT_DECK_ID = 'transcript';
export const TRANSCRIPT_TOPIC = 'meeting';
const PROMPT_ID = 'meeting';

// A spoken turn can run to thousands of characters; it must not be cut, because the
// reducer counts words from the stored text.
const TRANSCRIPT_SETTINGS: SessionSettings = { turnSoftCapSeconds: 0, maxTextLength: 10_000_000 };

export interface TranscriptEventsOptions {
  title?: string;
  /** Epoch milliseconds of the meeting's start; cue times are added to it. */
  createdAt?: number;
  sessionId?: string;
  newId?: NewId;
}

export function transcriptDeck(): Deck {
  return {
    id: TRANSCRIPT_DECK_ID,
    name: 'Meeting transcript',
    source: 'transcript',
    prompts: [{ id: PROMPT_ID, depth: 1, topic: TRANSCRIPT_TOPIC, text: 'Meeting' }],
  };
}

/** Unlabelled turns are left out of the log; the summary reports them as unattributed. */
export function transcriptToEvents(transcript: Transcript, options: TranscriptEventsOptions = {}): SessionEvent[] {
  const newId = options.newId ?? sequentialIds('t');
  const start = options.createdAt ?? 0;
  const events: SessionEvent[] = [
    {
      type: 'session.created',
      id: newId(),
      at: start,
      actor: TRANSCRIPT_ACTOR,
      sessionId: options.sessionId ?? 'transcript',
      title: options.title ?? 'Meeting transcript',
      teamId: '',
      deck: transcriptDeck(),
      settings: { ...TRANSCRIPT_SETTINGS },
    },
  ];
  const memberIds = new Map<string, string>();
  // Two labels that clean to the same name are one person (the reducer keeps names unique).
  const byName = new Map<string, string>();
  transcript.speakers.forEach((name, k) => {
    const known = byName.get(nameKey(name));
    const memberId = known ?? `speaker-${k + 1}`;
    memberIds.set(speakerKey(name), memberId);
    if (known !== undefined) return;
    byName.set(nameKey(name), memberId);
    events.push({ type: 'member.added', id: newId(), at: start, actor: TRANSCRIPT_ACTOR, memberId, name, joinedLate: false });
  });
  events.push({ type: 'prompt.shown', id: newId(), at: start, actor: TRANSCRIPT_ACTOR, promptId: PROMPT_ID });
  for (const turn of transcript.turns) {
    const memberId = turn.speaker === null ? undefined : memberIds.get(speakerKey(turn.speaker));
    if (memberId !== undefined) events.push(contribution(turn, memberId, start, newId));
  }
  const endMs = lastEnd(transcript.turns);
  events.push({ type: 'session.ended', id: newId(), at: start + endMs, actor: TRANSCRIPT_ACTOR });
  return events;
}

function contribution(turn: SpeakerTurn, memberId: string, start: number, newId: NewId): SessionEvent {
  return {
    type: 'contribution.added',
    id: newId(),
    at: start + (turn.startMs ?? 0),
    actor: TRANSCRIPT_ACTOR,
    contributionId: newId(),
    memberId,
    phase: 'check-in',
    promptId: PROMPT_ID,
    depth: 1,
    topic: TRANSCRIPT_TOPIC,
    text: turn.text,
    seconds: turn.seconds,
    pass: false,
  };
}

function lastEnd(turns: readonly SpeakerTurn[]): number {
  let end = 0;
  for (const t of turns) end = Math.max(end, t.endMs ?? t.startMs ?? 0);
  return end;
}
