/**
 * `kerne client add`: registers a confidential OAuth client for the client-credentials grant (a
 * system integration); the secret is stored as an argon2id hash and never printed.
 * @see https://hl7.org/fhir/smart-app-launch/backend-services.html
 */
import { loadConfig } from '../config/index.ts';
import { identityStores, scopeList } from '../identity/index.ts';
import { openStore } from './open-store.ts';

export interface ClientAddOptions {
  readonly id?: string | undefined;
  readonly secret?: string | undefined;
  readonly scope?: string | undefined;
  readonly name?: string | undefined;
}

export async function clientAddCommand(flags: Record<string, unknown>, options: ClientAddOptions): Promise<number> {
  if (!options.id || !options.secret || !options.scope) {
    process.stderr.write("kerne client add: --id, --secret and --scope are required\nUsage: kerne client add --id ID --secret SECRET --scope 'system/*.read'\n");
    return 1;
  }
  const config = loadConfig({ ...flags, logLevel: flags.logLevel ?? 'warn' });
  const store = await openStore(config);
  try {
    const client = await identityStores(store.db).clients.add({
      clientId: options.id,
      secret: options.secret,
      name: options.name,
      scopes: scopeList(options.scope),
      grantTypes: ['client_credentials'],
    });
    process.stdout.write(`Added client '${client.clientId}' (client credentials; scopes: ${client.scopes.join(' ')})\n`);
    return 0;
  } finally {
    await store.close();
  }
}
