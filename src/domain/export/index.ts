// Exports of the lead's summary: Markdown, JSON and CSV, all through one view filter.
export { toMarkdown } from './markdown';
export { toJson, SUMMARY_EXPORT_FORMAT, SUMMARY_EXPORT_VERSION } from './json';
export { toCsv, csvCell } from './csv';
export { mdInline } from './escape';
export { exportView } from './view';
export type { ExportMember, ExportView, MemberDetail } from './view';
