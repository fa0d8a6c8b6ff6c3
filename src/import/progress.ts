/** Text for the CLI: a one-line progress bar for a TTY and the end-of-import summary. */
import type { ImportProgress, ImportSummary } from './types.ts';

const BAR_WIDTH = 20;
const n = (value: number) => Math.round(value).toLocaleString('en-US');

function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : 0;
}

/** E.g. `[########------------] 41/83 files  12,345 resources  2,100/s` (no newline; the CLI writes `\r` before it). */
export function renderProgressBar(p: ImportProgress): string {
  const ratio = p.filesTotal > 0 ? Math.min(1, p.filesDone / p.filesTotal) : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  return `${bar} ${n(p.filesDone)}/${n(p.filesTotal)} files  ${n(p.resources)} resources  ${n(perSecond(p.resources, p.elapsedMs))}/s`;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The summary printed at the end: counts, time, rate, then one line per failure. */
export function formatSummary(s: ImportSummary): string {
  const lines = [
    `Imported ${n(s.files)} ${s.files === 1 ? 'file' : 'files'}: ${n(s.bundles)} bundles, ${n(s.resources)} resources in ${seconds(s.elapsedMs)} (${n(s.resourcesPerSecond)} resources/s)`,
  ];
  if (s.failures.length === 0) lines.push('No failures.');
  else {
    lines.push(`${n(s.failures.length)} ${s.failures.length === 1 ? 'failure' : 'failures'}:`);
    for (const f of s.failures) {
      const where = [f.line !== undefined ? `line ${f.line}` : '', f.entry !== undefined ? `entry ${f.entry}` : ''].filter(Boolean).join(', ');
      lines.push(`  ${f.file}${where ? ` (${where})` : ''}: ${f.message}`);
    }
  }
  return lines.join('\n');
}
