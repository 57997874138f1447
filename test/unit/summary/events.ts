// A small retro as an event log, shared by the summary, export and CLI tests. Names
// are chosen to be hostile to Markdown and CSV, and real names recur in free text.
import type { Deck, Depth, SessionEvent } from '../../../src/domain/types';

export const START = Date.UTC(2025, 2, 3, 9, 0, 0);

export const NAMES = {
  sam: 'Sam Lee',
  ana: 'Ana *Ruiz*',
  pipe: 'Pat | Pipe',
  script: '<script>alert(1)</script>',
  link: '[x](javascript:alert(1))',
  tick: 'Bo `Tick`',
} as const;

const deck: Deck = {
  id: 'test-deck',
  name: 'Test deck',
  prompts: [
    { id: 'p1', depth: 1, topic: 'sprint', text: 'One word for the sprint' },
    { id: 'p2', depth: 2, topic: 'sprint', text: 'What surprised you?' },
  ],
};

export function retroEvents(): SessionEvent[] {
  let n = 0;
  let t = START;
  const base = (): { id: string; at: number; actor: string } => ({ id: `e${++n}`, at: (t += 30_000), actor: 'facilitator' });
  const events: SessionEvent[] = [
    { ...base(), at: START, type: 'session.created', sessionId: 's-1', title: 'Sprint 14 retro with Sam Lee', teamId: 'team', deck, settings: { turnSoftCapSeconds: 90, maxTextLength: 4000 } },
  ];
  const ids = Object.keys(NAMES) as (keyof typeof NAMES)[];
  for (const id of ids) events.push({ ...base(), type: 'member.added', memberId: id, name: NAMES[id], joinedLate: false });
  const say = (memberId: string, text: string, depth: Depth = 1, pass = false): void => {
    events.push({ ...base(), type: 'contribution.added', contributionId: `c${n}`, memberId, phase: 'check-in', promptId: depth === 1 ? 'p1' : 'p2', depth, topic: 'sprint', text, seconds: 20, pass });
  };
  for (let i = 0; i < 8; i += 1) say('sam', `point number ${i} from me`);
  for (let i = 0; i < 3; i += 1) say('ana', 'a fair point');
  say('pipe', 'ok');
  say('tick', 'fine');
  say('link', 'sure');
  say('script', '', 1, true);
  events.push({ ...base(), type: 'stage.moved', from: 1, to: 2, kind: 'deeper', override: true });
  say('sam', 'the release surprised me', 2);
  say('ana', 'pass for now', 2, true);
  events.push({ ...base(), type: 'action.added', actionId: 'a1', text: 'Sam Lee pairs with Ana *Ruiz* on the flaky tests', ownerId: 'sam' });
  events.push({ ...base(), type: 'action.added', actionId: 'a2', text: '=HYPERLINK("http://evil")', ownerId: 'script', due: '2025-03-10' });
  events.push({ ...base(), type: 'action.added', actionId: 'a3', text: 'Ask sam and PAT about | pipes\nand newlines', ownerId: null });
  events.push({ ...base(), type: 'checkout.added', memberId: 'pipe', text: 'Thanks Ana, and thanks Bo!', roti: 4 });
  events.push({ ...base(), type: 'checkout.added', memberId: 'tick', text: '- a list?\n# a heading?', roti: 3 });
  events.push({ ...base(), type: 'session.ended' });
  return events;
}
