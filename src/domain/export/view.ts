// What an export may contain: exactly what the summary view shows for the same
// options. Pseudonymising happens here too, so no caller can forget it.
import { pseudonymiseSummary } from '../summary/pseudonymiseSummary';
import type { Summary, SummaryMember, SummaryOptions, Trend } from '../summary/types';

/** A member as the view shows them: name and share always; counts only in the named table. */
export interface ExportMember {
  key: string;
  name: string;
  present: boolean;
  share: number;
  detail: MemberDetail | null;
}

/** The per-person table, shown only when the viewer asks for it. */
export interface MemberDetail {
  joinedLate: boolean;
  turns: number;
  words: number;
  seconds: number;
  passes: number;
  deepest: number;
}

export interface ExportView {
  summary: Summary;
  members: ExportMember[];
  namedTable: boolean;
  trend: Trend | null;
}

export function exportView(summary: Summary, options: SummaryOptions, trend?: Trend | null): ExportView {
  const shown = options.pseudonymise ? pseudonymiseSummary(summary) : summary;
  return {
    summary: shown,
    members: shown.members.map((m) => toExportMember(m, options.namedTable)),
    namedTable: options.namedTable,
    trend: trend == null ? null : visibleTrend(trend, shown.pseudonymised),
  };
}

function toExportMember(m: SummaryMember, named: boolean): ExportMember {
  return {
    key: m.key,
    name: m.name,
    present: m.present,
    share: m.share,
    detail: named
      ? { joinedLate: m.joinedLate, turns: m.turns, words: m.words, seconds: m.seconds, passes: m.passes, deepest: m.deepest }
      : null,
  };
}

/**
 * Other retros' titles may name people this summary's pseudonyms do not cover, so a
 * pseudonymised trend drops titles (and ids, which may echo them) and keeps dates. The
 * exports carry the observations in English (`messages`), not the panel's `notes`.
 */
function visibleTrend(trend: Trend, pseudonymised: boolean): Trend {
  if (!pseudonymised) return { points: trend.points, messages: [...trend.messages] };
  return {
    points: trend.points.map((p, k) => ({ ...p, sessionId: `retro-${k + 1}`, title: `Retro ${k + 1}` })),
    messages: [...trend.messages],
  };
}
