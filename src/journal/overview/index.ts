/** The journal overview ("Overblik", issue 6; journal-ai.md §4–5): a deterministic, cited summary of one patient's record, and the cited-source view. The face of src/journal/overview/. */
export { buildOverview, NOT_IN_RECORD } from './build-overview.ts';
export { loadOverviewInput, overviewFor } from './overview-service.ts';
export { overviewRoutes } from './overview.routes.ts';
export { sourceView } from './source-view.ts';
export { textDocument } from './text-documents.ts';
export type { OverviewInput, TextDocument } from './overview-input.ts';
