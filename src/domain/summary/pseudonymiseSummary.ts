// Pseudonymises a finished summary, so an export is safe even when it is handed a
// summary built with real names. Every string field passes through the pseudonymiser.
import { pseudonymise } from './pseudonymise';
import type { Summary, SummaryNote } from './types';

export function pseudonymiseSummary(summary: Summary): Summary {
  if (summary.pseudonymised) return summary;
  const p = pseudonymise(
    summary.members.map((m) => ({ id: m.key, name: m.name })),
    `${summary.sessionId}@${summary.createdAt}`,
  );
  const keyByName = new Map<string, string>();
  for (const m of summary.members) if (!keyByName.has(m.name)) keyByName.set(m.name, m.key);
  // Owners and check-outs hold a member's display name; an exact match maps to that
  // member's pseudonym, anything else is scrubbed as free text.
  const person = (name: string): string => {
    const key = keyByName.get(name);
    return key === undefined ? p.text(name) : p.name(key);
  };
  const note = (n: SummaryNote): SummaryNote => ({ ...n, column: p.text(n.column), text: p.text(n.text), author: n.author === null ? null : person(n.author) });
  return {
    ...summary,
    sessionId: p.text(summary.sessionId),
    title: p.text(summary.title),
    pseudonymised: true,
    // Listed by pseudonym, so the row order does not give the roster order away either.
    members: summary.members
      .map((m) => ({ ...m, key: p.key(m.key), name: p.name(m.key) }))
      .sort((a, b) => a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    lorenz: summary.lorenz.map((pt) => ({ ...pt })),
    layers: summary.layers.map((l) => ({ ...l })),
    flags: summary.flags.map((f) => ({
      ...f,
      memberKey: f.memberKey === null ? null : p.key(f.memberKey),
      kind: p.text(f.kind),
      text: p.text(f.text),
    })),
    actions: summary.actions.map((a) => ({
      ...a,
      text: p.text(a.text),
      owner: a.owner === null ? null : person(a.owner),
      ...(a.due !== undefined && { due: p.text(a.due) }),
    })),
    checkouts: summary.checkouts.map((c) => ({ ...c, member: person(c.member), text: p.text(c.text) })),
    ...(summary.gatherNotes && { gatherNotes: summary.gatherNotes.map(note) }),
    ...(summary.topInsights && { topInsights: summary.topInsights.map(note) }),
    ...(summary.overrides && { overrides: summary.overrides.map((o) => ({ ...o })) }),
    unattributed: summary.unattributed === null ? null : { ...summary.unattributed },
  };
}
