// The summary as JSON: a documented, versioned format (docs/summary-format.md). It
// carries what the view shows and nothing more: per-person counts only with the named
// table, and no real names when pseudonymised.
import type { Summary, SummaryOptions, Trend } from '../summary/types';
import { isoTime, round } from './format';
import { boardJson } from './board';
import { exportView, type ExportMember } from './view';

export const SUMMARY_EXPORT_FORMAT = 'reciprocity-summary-export';
export const SUMMARY_EXPORT_VERSION = 1;

interface JsonMember {
  key: string;
  name: string;
  present: boolean;
  share: number;
  joinedLate?: boolean;
  turns?: number;
  words?: number;
  seconds?: number;
  passes?: number;
  deepest?: number;
}

export function toJson(summary: Summary, options: SummaryOptions, trend?: Trend | null): string {
  const view = exportView(summary, options, trend);
  const s = view.summary;
  const doc = {
    format: SUMMARY_EXPORT_FORMAT,
    v: SUMMARY_EXPORT_VERSION,
    summaryVersion: s.v,
    options: { pseudonymised: s.pseudonymised, namedTable: view.namedTable },
    source: s.source,
    ...(s.transcriptFormat !== undefined && { transcriptFormat: s.transcriptFormat }),
    sessionId: s.sessionId,
    title: s.title,
    createdAt: isoTime(s.createdAt),
    durationSeconds: s.durationSeconds,
    driver: s.driver,
    team: {
      fairShare: round(s.fairShare),
      gini: round(s.gini),
      evenness: round(s.evenness),
      maxShare: round(s.maxShare),
      deepestReached: s.deepestReached,
      totalPasses: s.totalPasses,
    },
    members: view.members.map(jsonMember),
    lorenz: s.lorenz.map((p) => ({ x: round(p.x), y: round(p.y) })),
    layers: s.layers.map((l) => ({ ...l })),
    flags: s.flags.map((f) => ({ ...f })),
    ...boardJson(s),
    actions: s.actions.map((a) => ({ ...a })),
    checkouts: s.checkouts.map((c) => ({ ...c })),
    unattributed: s.unattributed === null ? null : { ...s.unattributed, seconds: round(s.unattributed.seconds, 3) },
    ...(view.trend !== null && { trend: view.trend }),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function jsonMember(m: ExportMember): JsonMember {
  const base: JsonMember = { key: m.key, name: m.name, present: m.present, share: round(m.share) };
  if (m.detail === null) return base;
  return { ...base, ...m.detail, seconds: round(m.detail.seconds, 3) };
}
