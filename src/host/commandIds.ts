// Every command id, once. package.json must list exactly these (checked by a test).
export const Commands = {
  startRetro: 'reciprocity.startRetro',
  showRetro: 'reciprocity.showRetro',
  resumeRetro: 'reciprocity.resumeRetro',
  endRetro: 'reciprocity.endRetro',
  deleteRetro: 'reciprocity.deleteRetro',
  refreshRetros: 'reciprocity.refreshRetros',
  openSummary: 'reciprocity.openSummary',
  exportSummary: 'reciprocity.exportSummary',
  importTranscript: 'reciprocity.importTranscript',
  hostTeamRetro: 'reciprocity.hostTeamRetro',
  joinTeamRetro: 'reciprocity.joinTeamRetro',
  copyJoinCode: 'reciprocity.copyJoinCode',
  revealRetroFile: 'reciprocity.revealRetroFile',
  renameRetro: 'reciprocity.renameRetro',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const RETRO_VIEW_TYPE = 'reciprocity.retro';
export const SUMMARY_VIEW_TYPE = 'reciprocity.summary';
export const RETROS_TREE_ID = 'reciprocity.retros';
export const ACTIVE_CONTEXT_KEY = 'reciprocity.retroActive';
