import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildSummary } from '../domain/summary/build';
import { buildTrend } from '../domain/summary/trend';
import type { ShareDriver, Summary, SummaryOptions, Trend } from '../domain/summary/types';
import { transcriptSession } from '../domain/transcript/load';
import type { SessionEvent } from '../domain/types';
import { readConfig } from './config';
import type { SummaryProvider } from './summaryPanel';
import { exportSummary } from './summaryExport';
import type { SessionStore } from './sessionStore';

const TREND_RETROS = 12;

function summarise(events: readonly SessionEvent[], options: SummaryOptions, transcript?: LoadedTranscript): Summary {
  const config = readConfig();
  return buildSummary(events, {
    // A transcript is measured in seconds spoken when it has times (loadTranscript decides).
    driver: options.driver ?? transcript?.driver ?? config.balance.driver,
    balanceSettings: config.balance,
    pseudonymise: options.pseudonymise,
    ...(transcript ? { unattributed: transcript.unattributed, transcriptFormat: transcript.format } : {}),
  });
}

/** The summary of a saved retro, with the team's trend over its recent retros. */
export function retroSummarySource(store: SessionStore, id: string, liveLog: () => readonly SessionEvent[] | undefined): SummaryProvider {
  const load = async () => liveLog() ?? (await store.load(id)).events;
  let title = 'Participation summary';
  const provider: SummaryProvider = {
    key: id,
    get title() {
      return title;
    },
    async build(options) {
      const summary = summarise(await load(), options);
      title = `Summary: ${summary.title}`;
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
  driver: ShareDriver;
}

/** Reads and parses a transcript; a bad file is an error with a line number, never a partial result. */
export async function loadTranscript(file: string): Promise<LoadedTranscript> {
  const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
  const t = transcriptSession(text, path.basename(file), stat.mtimeMs);
  if (!t.ok) throw new Error(t.message);
  return t;
}

export function transcriptSummarySource(file: string): SummaryProvider {
  return {
    key: vscode.Uri.file(file).toString(),
    title: `Summary: ${path.basename(file)}`,
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
