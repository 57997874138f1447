// The summary as Markdown, for VS Code's preview and the team's docs. Every piece of
// people's text goes through mdInline; numbers and our own labels are written as is.
import type { SummaryOptions, Trend } from '../summary/types';
import { DEPTH_NAMES, type Depth } from '../types';
import { boardMarkdown } from './board';
import { mdInline, mdTable } from './escape';
import { elapsed, fixed, minutes, percent, utcDateTime } from './format';
import { exportView, type ExportView } from './view';
import type { Summary } from '../summary/types';

const BAR_WIDTH = 20;

export function toMarkdown(summary: Summary, options: SummaryOptions, trend?: Trend | null): string {
  const view = exportView(summary, options, trend);
  // As in the view: a meeting transcript has no depth layers, passes or retro trends.
  const retro = summary.source === 'retro';
  const sections = [
    heading(view),
    keyFigures(view),
    shares(view),
    lorenz(view),
    retro ? layers(view) : [],
    flags(view),
    retro ? passes(view) : [],
    ...boardMarkdown(view.summary),
    actions(view),
    checkouts(view),
    unattributed(view),
    namedTable(view),
    retro || view.trend !== null ? trends(view) : [],
  ];
  return `${sections.filter((s) => s.length > 0).map((s) => s.join('\n')).join('\n\n')}\n`;
}

function heading({ summary: s, members }: ExportView): string[] {
  const format = s.transcriptFormat === undefined ? '' : ` (${mdInline(s.transcriptFormat)})`;
  const kind = s.source === 'transcript' ? `Meeting transcript${format}` : 'Retro';
  const parts = [kind, utcDateTime(s.createdAt), minutes(s.durationSeconds), `${members.length} members`];
  if (s.pseudonymised) parts.push('pseudonymised');
  return [`# Participation summary: ${mdInline(s.title)}`, '', parts.join(' · ')];
}

function keyFigures({ summary: s }: ExportView): string[] {
  const deepest = s.deepestReached === 0 ? 'none' : `${s.deepestReached} (${DEPTH_NAMES[s.deepestReached as Depth]})`;
  return [
    '## Key figures',
    '',
    ...mdTable(
      ['Figure', 'Value'],
      [
        ['Gini (0 = perfectly even)', fixed(s.gini)],
        ['Evenness (1 = perfectly even)', fixed(s.evenness)],
        ['Largest share', `${percent(s.maxShare)} (fair share ${percent(s.fairShare)})`],
        ...(s.source === 'retro'
          ? [
              ['Deepest layer reached', deepest],
              ['Passes', String(s.totalPasses)],
            ]
          : []),
      ],
    ),
  ];
}

function shares(view: ExportView): string[] {
  const s = view.summary;
  const rows = view.members.map((m) => {
    const note = !m.present ? 'away' : m.share === 0 ? 'quiet' : '';
    return [mdInline(m.name), percent(m.share), bar(m.share), note];
  });
  return [
    `## Share of participation (by ${s.driver})`,
    '',
    `Fair share: ${percent(s.fairShare)}. Silent members count as zero.`,
    '',
    ...mdTable(['Member', 'Share', 'Bar', 'Note'], rows),
  ];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function bar(share: number): string {
  const n = Math.round(Math.min(1, Math.max(0, share)) * BAR_WIDTH);
  return n === 0 ? '·' : '█'.repeat(n);
}

/** Past this many points a reader gets one row per tenth of the team, not one per member. */
export const LORENZ_ROWS_MAX = 11;

/** The curve's own points at (or nearest after) each tenth of the team, first and last included. */
export function lorenzRows<P>(points: readonly P[]): P[] {
  if (points.length <= LORENZ_ROWS_MAX) return [...points];
  const last = points.length - 1;
  const picked: P[] = [];
  for (let tenth = 0; tenth <= 10; tenth++) picked.push(points[Math.ceil((tenth * last) / 10)]);
  return picked;
}

function lorenz({ summary: s }: ExportView): string[] {
  const points = lorenzRows(s.lorenz);
  const rows = points.map((p) => [percent(p.x), percent(p.y)]);
  return [
    '## Lorenz curve',
    '',
    `Gini ${fixed(s.gini)}. The further the curve sags below the diagonal, the more uneven the participation.`,
    ...(points.length < s.lorenz.length ? ['', 'One row per tenth of the team; the JSON and CSV exports hold every point.'] : []),
    '',
    ...mdTable(['Members (cumulative, quietest first)', 'Participation (cumulative)'], rows),
  ];
}

function layers({ summary: s }: ExportView): string[] {
  const rows = s.layers.map((l) => [
    `${l.depth} ${l.name}`,
    l.reached ? 'yes' : 'no',
    String(l.contributions),
    String(l.passes),
    `${l.matched} of ${l.present}`,
    l.reciprocated ? 'yes' : 'no',
  ]);
  return [
    '## Depth per layer',
    '',
    ...mdTable(['Layer', 'Reached', 'Contributions', 'Passes', 'Matched', 'Reciprocated'], rows),
  ];
}

function flags({ summary: s }: ExportView): string[] {
  if (s.flags.length === 0) return ['## Flags and nudges', '', 'No flags were raised.'];
  // Times count from the start of the retro, so a lead can find the moment again.
  const items = s.flags.map((f) => {
    const cleared = f.clearedOffsetMs === null ? '' : ` (cleared at ${elapsed(f.clearedOffsetMs)})`;
    return `- At ${elapsed(f.offsetMs)}: ${mdInline(f.text)}${cleared}`;
  });
  return ['## Flags and nudges', '', ...items];
}

function passes({ summary: s }: ExportView): string[] {
  if (s.totalPasses === 0) return ['## Passes', '', 'Nobody passed.'];
  const byLayer = s.layers.filter((l) => l.passes > 0).map((l) => `${l.passes} at layer ${l.depth} (${l.name})`);
  const total = plural(s.totalPasses, 'pass', 'passes');
  return ['## Passes', '', `${total} in total${byLayer.length > 0 ? `: ${byLayer.join(', ')}` : ''}. Passing is always allowed.`];
}

function actions({ summary: s }: ExportView): string[] {
  if (s.actions.length === 0) return s.source === 'transcript' ? [] : ['## Action items', '', 'No action items.'];
  const items = s.actions.map((a) => {
    const owner = a.owner === null ? 'no owner yet' : `owner: ${mdInline(a.owner)}`;
    const due = a.due === undefined ? '' : `, due ${mdInline(a.due)}`;
    return `- [${a.done ? 'x' : ' '}] ${mdInline(a.text)} (${owner}${due})`;
  });
  return ['## Action items', '', ...items];
}

function checkouts({ summary: s }: ExportView): string[] {
  if (s.checkouts.length === 0) return [];
  const items = s.checkouts.map((c) => {
    const roti = c.roti === undefined ? '' : ` (return on time ${c.roti} of 5)`;
    return `- **${mdInline(c.member)}**: ${mdInline(c.text)}${roti}`;
  });
  return ['## Check-outs', '', ...items];
}

function unattributed({ summary: s }: ExportView): string[] {
  const u = s.unattributed;
  if (u === null) return [];
  const text =
    u.turns === 0
      ? 'Every turn had a speaker label.'
      : `${plural(u.turns, 'turn')}, ${plural(u.words, 'word')} and ${plural(Math.round(u.seconds), 'second')} had no speaker label. They are not counted in anyone's share.`;
  return ['## Unattributed speech', '', text];
}

function namedTable(view: ExportView): string[] {
  if (!view.namedTable) return [];
  const rows = view.members.map((m) => {
    const d = m.detail;
    const present = !m.present ? 'no' : d?.joinedLate === true ? 'joined late' : 'yes';
    if (d === null) return [mdInline(m.name), present, '', '', '', '', '', percent(m.share)];
    const deepest = d.deepest === 0 ? 'none' : String(d.deepest);
    return [mdInline(m.name), present, String(d.turns), String(d.words), String(Math.round(d.seconds)), String(d.passes), deepest, percent(m.share)];
  });
  const title = view.summary.pseudonymised ? '## Per person (pseudonymised)' : '## Per person (named)';
  return [title, '', ...mdTable(['Name', 'Present', 'Turns', 'Words', 'Seconds', 'Passes', 'Deepest layer', 'Share'], rows)];
}

function trends({ trend, summary }: ExportView): string[] {
  if (trend === null) return [];
  const messages = trend.messages.map((m) => `- ${mdInline(m)}`);
  // A series of meetings has no depth layers: only how evenly the time was shared.
  if (summary.source === 'transcript') {
    const rows = trend.points.map((p) => [utcDateTime(p.createdAt), mdInline(p.title), fixed(p.gini), fixed(p.evenness)]);
    return ['## Trends across meetings', '', ...messages, ...(messages.length > 0 ? [''] : []), ...mdTable(['Date', 'Meeting', 'Gini', 'Evenness'], rows)];
  }
  const rows = trend.points.map((p) => [
    utcDateTime(p.createdAt),
    mdInline(p.title),
    fixed(p.gini),
    fixed(p.evenness),
    String(p.deepestReached),
    String(p.reciprocatedLayers),
  ]);
  return [
    '## Trends across retros',
    '',
    ...messages,
    ...(messages.length > 0 ? [''] : []),
    ...mdTable(['Date', 'Retro', 'Gini', 'Evenness', 'Deepest layer', 'Reciprocated layers'], rows),
  ];
}
