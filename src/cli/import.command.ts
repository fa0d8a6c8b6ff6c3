/** `kerne import <paths...>`: streams Bundles and NDJSON into the store, with a progress bar and a summary. */
import { loadConfig } from '../config/index.ts';
import { analyze } from '../db/index.ts';
import { openStore } from './open-store.ts';
import { formatSummary, importPaths, renderProgressBar } from '../import/index.ts';
import { processBundle } from '../fhir/bundle/index.ts';

export async function importCommand(flags: Record<string, unknown>, paths: string[], concurrency: number): Promise<number> {
  if (paths.length === 0) {
    process.stderr.write('Usage: kerne import <files or folders>\n');
    return 1;
  }
  const config = loadConfig({ ...flags, logLevel: flags.logLevel ?? 'warn' });
  const store = await openStore(config);
  const tty = process.stderr.isTTY;
  try {
    const summary = await importPaths(
      paths,
      {
        async transaction(bundle) {
          await processBundle(store.repo, bundle, { baseUrl: '', prefer: { return: 'minimal', handling: 'strict' } });
          return { resourcesWritten: bundle.entry?.length ?? 0 };
        },
      },
      {
        concurrency: Number.isFinite(concurrency) && concurrency > 0 ? concurrency : 2,
        onProgress: (p) => {
          if (tty) process.stderr.write(`\r${renderProgressBar(p)}`);
        },
      },
    );
    if (tty) process.stderr.write('\n');
    await analyze(store.db); // fresh planner statistics for what was just loaded
    process.stdout.write(`${formatSummary(summary)}\n`);
    return summary.failures.length ? 1 : 0;
  } finally {
    await store.close();
  }
}
