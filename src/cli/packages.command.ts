/** `kerne packages install <path>`: loads a FHIR IG package's conformance resources into the store. */
import type { Resource } from '@medplum/fhirtypes';
import { loadConfig } from '../config/index.ts';
import { installPackage } from '../packages/index.ts';
import { openStore } from './open-store.ts';

export async function packagesInstallCommand(flags: Record<string, unknown>, paths: string[]): Promise<number> {
  const config = loadConfig({ ...flags, logLevel: flags.logLevel ?? 'warn' });
  const store = await openStore(config);
  try {
    for (const path of paths) {
      const result = await installPackage(path, {
        validator: store.parts.validator,
        save: (resources: Resource[]) => saveConformance(store, resources),
      });
      process.stdout.write(`Installed ${result.name}#${result.version}: ${result.resources.length} resources\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

/** Stores each conformance resource under a stable id (update-as-create), so installing twice is harmless. */
async function saveConformance(store: Awaited<ReturnType<typeof openStore>>, resources: Resource[]): Promise<void> {
  await store.repo.transaction(async (ctx) => {
    for (const resource of resources) {
      if (!resource.id) continue;
      await store.repo.updateIn(ctx, resource);
    }
  });
}
