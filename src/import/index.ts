/** The streaming importer behind `kerne import`: JSON Bundles and NDJSON files or folders into a transaction sink. */
export { importPaths, splitAdministrative } from './import-paths.ts';
export { countResourcesByType } from './count-resources.ts';
export { renderProgressBar, formatSummary } from './progress.ts';
export { ADMINISTRATIVE_TYPES, identifierCondition, withIfNoneExist } from './administrative.ts';
export { toTransaction, transactionOf, entryFor } from './to-transaction.ts';
export { discoverFiles, importFileKind } from './discover.ts';
export type { ImportSink, ImportProgress, ImportSummary, ImportFailure, ImportOptions } from './types.ts';
