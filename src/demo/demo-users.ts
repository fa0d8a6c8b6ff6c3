/**
 * Demo logins, one per role, all with the password `kerne-demo-1` (a demo: the README says so), a
 * patient login, and a system client. Idempotent: existing users and clients are left alone.
 * Karen Holm and Line Skov are the demo population's own practitioners; the others are created.
 */
import type { FhirRepository } from '../fhir/repository/index.ts';
import { addPatientUser, addStaffUser, type Identity } from '../identity/index.ts';
import { System } from './demo-meta.ts';
import { demoUnitQuery, type DemoUnitCode } from './units.ts';

export const DEMO_PASSWORD = 'kerne-demo-1';
export const DEMO_CLIENT = { id: 'demo-integration', secret: 'kerne-demo-integration-secret', scope: 'system/*.*' } as const;

interface DemoStaff {
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly unit?: DemoUnitCode;
  /** The practitioner's demo identifier value (demo-1 … demo-5 are the population's clinicians). */
  readonly practitioner: string;
}

export const DEMO_STAFF: readonly DemoStaff[] = [
  { username: 'laege', name: 'Karen Holm', role: 'laege', unit: 'MED1', practitioner: 'demo-1' },
  { username: 'sygeplejerske', name: 'Line Skov', role: 'sygeplejerske', unit: 'MED1', practitioner: 'demo-5' },
  { username: 'sekretaer', name: 'Bente Munk', role: 'sekretaer', unit: 'MED1', practitioner: 'demo-user-sekretaer' },
  { username: 'portoer', name: 'Ole Berg', role: 'portoer', unit: 'MED1', practitioner: 'demo-user-portoer' },
  { username: 'afdelingsledelse', name: 'Birgitte Friis', role: 'afdelingsledelse', unit: 'MED1', practitioner: 'demo-user-afdelingsledelse' },
  { username: 'admin', name: 'Thomas Vang', role: 'administrator', practitioner: 'demo-user-admin' },
  { username: 'psykiater', name: 'Anne Kjær', role: 'laege', unit: 'PSY', practitioner: 'demo-user-psykiater' },
  { username: 'sygeplejerske2', name: 'Mette Lund', role: 'sygeplejerske', unit: 'MED2', practitioner: 'demo-user-sygeplejerske2' },
  { username: 'akutsygeplejerske', name: 'Jakob Winther', role: 'sygeplejerske', unit: 'AKM', practitioner: 'demo-user-akutsygeplejerske' },
];

export interface DemoUsersResult {
  /** Usernames created now (existing ones are skipped). */
  readonly created: string[];
  readonly clientCreated: boolean;
}

/** Creates the demo users (patientId: the demo Patient the `patient` login is) and the demo system client. */
export async function createDemoUsers(repo: FhirRepository, identity: Pick<Identity, 'users' | 'clients'>, patientId: string): Promise<DemoUsersResult> {
  const created: string[] = [];
  const units = new Map<DemoUnitCode, string>();
  const unitRef = async (code: DemoUnitCode) => {
    if (!units.has(code)) {
      const [match] = await repo.findMatches('Organization', demoUnitQuery(code), undefined, 1);
      if (!match) throw new Error(`The demo unit ${code} is missing (Organization?${demoUnitQuery(code)}): load the demo population first`);
      units.set(code, `Organization/${match.id}`);
    }
    return units.get(code)!;
  };

  for (const staff of DEMO_STAFF) {
    if (await identity.users.findByUsername(staff.username)) continue;
    await addStaffUser(repo, identity.users, {
      username: staff.username,
      password: DEMO_PASSWORD,
      // A conditional create on the identifier: the population's practitioner when it is there.
      name: staff.name,
      identifier: { system: System.demoPractitioner, value: staff.practitioner },
      role: staff.role,
      unit: staff.unit ? await unitRef(staff.unit) : undefined,
    });
    created.push(staff.username);
  }

  if (!(await identity.users.findByUsername('patient'))) {
    await addPatientUser(repo, identity.users, { username: 'patient', password: DEMO_PASSWORD, patient: `Patient/${patientId}` });
    created.push('patient');
  }

  let clientCreated = false;
  if (!(await identity.clients.get(DEMO_CLIENT.id))) {
    await identity.clients.add({ clientId: DEMO_CLIENT.id, secret: DEMO_CLIENT.secret, name: 'Demo integration', scopes: [DEMO_CLIENT.scope], grantTypes: ['client_credentials'] });
    clientCreated = true;
  }
  return { created, clientCreated };
}
