/**
 * `kerne user add`: a login user for Kerne's identity provider: an existing Practitioner or Patient,
 * or a new Practitioner with a PractitionerRole (role and unit). Prints what it did, never the password.
 */
import { loadConfig } from '../config/index.ts';
import { addPatientUser, addStaffUser, identityStores } from '../identity/index.ts';
import { openStore } from './open-store.ts';

export interface UserAddOptions {
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly practitioner?: string | undefined;
  readonly patient?: string | undefined;
  readonly name?: string | undefined;
  readonly role?: string | undefined;
  readonly unit?: string | undefined;
}

export async function userAddCommand(flags: Record<string, unknown>, options: UserAddOptions): Promise<number> {
  const { username, password } = options;
  if (!username || !password) return usage('--username and --password are required');
  const targets = [options.practitioner, options.patient, options.name].filter(Boolean).length;
  if (targets !== 1) return usage('give exactly one of --practitioner, --patient or --name');
  if (options.patient && (options.role || options.unit)) return usage('a patient login has no --role or --unit');

  const config = loadConfig({ ...flags, logLevel: flags.logLevel ?? 'warn' });
  const store = await openStore(config);
  try {
    const { users } = identityStores(store.db);
    if (options.patient) {
      const user = await addPatientUser(store.repo, users, { username, password, patient: options.patient });
      process.stdout.write(`Added user '${user.username}' for ${user.fhirUser} (patient login)\n`);
      return 0;
    }
    const result = await addStaffUser(store.repo, users, {
      username,
      password,
      practitioner: options.practitioner,
      name: options.name,
      role: options.role,
      unit: options.unit,
    });
    if (result.createdPractitioner) process.stdout.write(`Created ${result.practitioner} (${options.name})\n`);
    if (result.practitionerRole) {
      process.stdout.write(`Created ${result.practitionerRole}: ${options.role}${options.unit ? ` in ${options.unit}` : ''}\n`);
    }
    process.stdout.write(`Added user '${result.user.username}' for ${result.practitioner}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

function usage(problem: string): number {
  process.stderr.write(
    `kerne user add: ${problem}\nUsage: kerne user add --username U --password P (--practitioner Practitioner/ID | --patient Patient/ID | --name "Given Family" --role ROLE [--unit Organization/ID])\n`,
  );
  return 1;
}
