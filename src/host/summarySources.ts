import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildSummary } from '../domain/summary/build';
import { buildTrend, trendNoteEnglish, trendPoint } from '../domain/summary/trend';
import { meetingSeries } from '../domain/transcript/series';
import { loadTranscripts } from './transcriptImport';
import type { ShareDriver, Summary, SummaryOptions, Trend, TrendNote } from '../domain/summary/types';
import { transcriptSession } from '../domain/transcript/load';
import type { TranscriptFormat } from '../domain/transcript/types';
import type { SessionEvent } from '../domain/types';
import { readConfig } from './config';
import { localTime } from './retroListing';
import { transcriptProblemText } from './problemText';
import type { SummaryProvider } from './summaryPanel';
import { exportSummary } from './summaryExport';
import type { SessionStore } from './sessionStore';

const TREND_RETROS = 12;

function summarise(events: readonly SessionEvent[], options: SummaryOptions, transcript?: LoadedTranscript): Summary {
  const config = readConfig();
  const summary = buildSummary(events, {
    // A transcript is measured in seconds spoken when it has times (loadTranscript decides).
    driver: options.driver ?? transcript?.driver ?? config.balance.driver,
    balanceSettings: config.balance,
    pseudonymise: options.pseudonymise,
    ...(transcript ? { unattributed: transcript.unattributed, transcriptFormat: transcript.format } : {}),
  });
  // The format as data too, for the panel to name in the display language (the exports keep the English).
  return transcript ? { ...summary, transcriptFormatId: transcript.formatId } : summary;
}

/** The summary of a saved retro, with the team's trend over its recent retros. */
export function retroSummarySource(store: SessionStore, id: string, liveLog: () => readonly SessionEvent[] | undefined): SummaryProvider {
  const load = async () => liveLog() ?? (await store.load(id)).events;
  let title = vscode.l10n.t('Participation summary');
  const provider: SummaryProvider = {
    key: id,
    get title() {
      return title;
    },
    async build(options) {
      const summary = summarise(await load(), options);
      // The time it started, as on the retro's own tab: two retros with one title on one day differ.
      title = vscode.l10n.t('Summary: {0} · {1}', summary.title, localTime(summary.createdAt));
      return { summary, trend: await teamTrend(store, summary, options) };
    },
    async export(format, options) {
      const summary = summarise(await load(), options);
      await exportSummary(summary, format, options, await teamTrend(store, summary, options));
    },
  };
  return provider;
}

async function teamTrend(store: SessionStore, current: Summary, options: SummaryOptions): Promise<Trend | null> {
  const { sessions } = await store.list();
  const teamId = sessions.find((s) => s.file.id === current.sessionId)?.file.teamId;
  const team = sessions.filter((s) => s.file.teamId === teamId).slice(0, TREND_RETROS);
  if (team.length < 2) return null;
  return buildTrend(team.map((s) => summarise(s.file.events, options)));
}

export interface LoadedTranscript {
  events: SessionEvent[];
  unattributed: NonNullable<Summary['unattributed']>;
  format: string;
  formatId: TranscriptFormat;
  driver: ShareDriver;
}

/** Reads and parses a transcript; a bad file is an error with a line number, never a partial result. */
export async function loadTranscript(file: string): Promise<LoadedTranscript> {
  const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
  const t = transcriptSession(text, path.basename(file), stat.mtimeMs);
  if (!t.ok) throw new Error(transcriptProblemText(t.problem));
  return t;
}

/** Panel keys of a series: the files, in order, after this prefix. */
export const SERIES_KEY_PREFIX = 'series:';

/**
 * Several transcripts of one recurring meeting: the latest meeting's summary, with the
 * trend across them (evenness, and who has been quiet meetings running). With
 * pseudonymising on, quiet people are counted rather than named, so the trend never
 * contradicts the pseudonyms of the summary beside it.
 */
export function transcriptSeriesSource(files: readonly string[]): SummaryProvider {
  const latest = files[files.length - 1] ?? '';
  const build = async (options: SummaryOptions): Promise<{ summary: Summary; trend: Trend }> => {
    const loaded = await loadTranscripts(files);
    const named = loaded.map((t) => summarise(t.events, { ...options, pseudonymise: false }, t));
    const last = loaded[loaded.length - 1];
    const shown = options.pseudonymise && last ? summarise(last.events, options, last) : named[named.length - 1];
    if (!shown) throw new Error(vscode.l10n.t('No transcripts to summarise.'));
    return { summary: shown, trend: seriesTrend(named, options.pseudonymise) };
  };
  return {
    key: `${SERIES_KEY_PREFIX}${JSON.stringify(files)}`,
    title: vscode.l10n.t('Summary: {0} and {1} earlier', path.basename(latest), files.length - 1),
    build,
    async export(format, options) {
      const { summary, trend } = await build(options);
      await exportSummary(summary, format, options, trend);
    },
  };
}

function seriesTrend(summaries: readonly Summary[], pseudonymise: boolean): Trend {
  const series = meetingSeries(summaries);
  const general = series.notes.filter((n) => n.kind !== 'quiet');
  // Pseudonymised, quiet people are counted, not named.
  const quiet: TrendNote[] = pseudonymise
    ? series.quiet.length === 0
      ? []
      : [{ kind: 'quiet-count', people: series.quiet.length }]
    : series.notes.filter((n) => n.kind === 'quiet');
  const notes = [...general, ...quiet];
  return { points: summaries.map(trendPoint), messages: notes.map(trendNoteEnglish), notes };
}

export function transcriptSummarySource(file: string): SummaryProvider {
  return {
    key: vscode.Uri.file(file).toString(),
    title: vscode.l10n.t('Summary: {0}', path.basename(file)),
    async build(options) {
      const t = await loadTranscript(file);
      return { summary: summarise(t.events, options, t), trend: null };
    },
    async export(format, options) {
      const t = await loadTranscript(file);
      await exportSummary(summarise(t.events, options, t), format, options, null);
    },
  };
}
