/**
 * The resources a set of files should leave in the store, per type, after the importer's
 * conversions and de-duplication: a conditional create (`ifNoneExist`, which the importer adds to
 * administrative POSTs with an identifier) counts once per type and condition, a PUT once per
 * Type/id (or condition), any other POST every time; DELETE, PATCH and GET entries add nothing.
 * Streams like the importer; memory grows only with the number of distinct conditions and PUT ids.
 */
import type { BundleEntry } from '@medplum/fhirtypes';
import { discoverFiles } from './discover.ts';
import { fileBundles } from './file-bundles.ts';

/** The key under which an entry's resource is stored once, or undefined if every occurrence is new. */
function identityKey(entry: BundleEntry): string | undefined {
  const type = entry.resource?.resourceType ?? '';
  const method = entry.request?.method;
  const url = entry.request?.url ?? '';
  if (method === 'PUT') return `${type} ${url.replace(/^.*?\b([A-Z][A-Za-z]+(?:\/|\?))/, '$1')}`;
  if (method === 'POST' && entry.request?.ifNoneExist) return `${type}?${entry.request.ifNoneExist.replace(/^[^?]*\?/, '')}`;
  return undefined;
}

export async function countResourcesByType(paths: string[]): Promise<Record<string, number>> {
  const { files, failures } = await discoverFiles(paths);
  if (failures[0]) throw new Error(`${failures[0].file}: ${failures[0].message}`);
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const file of files) {
    for await (const item of fileBundles(file)) {
      if ('error' in item) continue;
      for (const entry of item.bundle.entry ?? []) {
        const type = entry.resource?.resourceType;
        const method = entry.request?.method;
        if (!type || (method !== 'POST' && method !== 'PUT')) continue;
        const key = identityKey(entry);
        if (key !== undefined) {
          if (seen.has(key)) continue;
          seen.add(key);
        }
        counts.set(type, (counts.get(type) ?? 0) + 1);
      }
    }
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
