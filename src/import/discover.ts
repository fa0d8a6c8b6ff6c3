/** Finds the importable files under the given paths: recursive, sorted by name, in argument order. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportFailure } from './types.ts';

export type ImportFileKind = 'json' | 'ndjson';

const SUFFIXES: readonly [string, ImportFileKind, boolean][] = [
  ['.ndjson.gz', 'ndjson', true],
  ['.json.gz', 'json', true],
  ['.ndjson', 'ndjson', false],
  ['.json', 'json', false],
];

/** The kind of a file from its name, or undefined when the importer does not read it. */
export function importFileKind(path: string): { kind: ImportFileKind; gzip: boolean } | undefined {
  const lower = path.toLowerCase();
  for (const [suffix, kind, gzip] of SUFFIXES) if (lower.endsWith(suffix)) return { kind, gzip };
  return undefined;
}

/**
 * Expands files and folders into a de-duplicated list of importable files. Folders are walked
 * recursively in code-point order of names (hidden entries skipped); other files in folders are
 * ignored, while a named file that cannot be read or is of an unknown kind becomes a failure.
 */
export async function discoverFiles(paths: readonly string[]): Promise<{ files: string[]; failures: ImportFailure[] }> {
  const files: string[] = [];
  const seen = new Set<string>();
  const failures: ImportFailure[] = [];
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && importFileKind(p)) add(p);
    }
  };
  for (const path of paths) {
    try {
      const s = await stat(path);
      if (s.isDirectory()) await walk(path);
      else if (importFileKind(path)) add(path);
      else failures.push({ file: path, message: 'Not a .json, .ndjson, .json.gz or .ndjson.gz file' });
    } catch (err) {
      failures.push({ file: path, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { files, failures };
}
