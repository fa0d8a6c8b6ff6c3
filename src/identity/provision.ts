/**
 * Creating login users with their FHIR side: a staff user's Practitioner (new or existing) and a
 * PractitionerRole (role code in KERNE_ROLE_SYSTEM, unit as organization), or a patient user's
 * existing Patient. Everything is checked before anything is written. Used by `kerne user add` and
 * the demo users.
 * @see https://hl7.org/fhir/R4/practitionerrole.html
 */
import type { Identifier, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { isRole, KERNE_ROLE_SYSTEM, Role, ROLE_DISPLAY } from '../access/principal.ts';
import { FhirError } from '../errors/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { nameOf } from './memberships.ts';
import { assertPasswordStrength, type LoginUser, type UserStore } from './user-store.ts';

/** Roles a staff user can hold (not 'patient' or 'integration'). */
export const STAFF_ROLES: readonly Role[] = [Role.laege, Role.sygeplejerske, Role.sekretaer, Role.portoer, Role.afdelingsledelse, Role.administrator];

export interface StaffUserInput {
  readonly username: string;
  readonly password: string;
  /** An existing 'Practitioner/<id>'; or give `name` to create one. */
  readonly practitioner?: string | undefined;
  /** "Given Family" of a new Practitioner. */
  readonly name?: string | undefined;
  /** A business identifier for the new Practitioner; makes its creation idempotent. */
  readonly identifier?: Identifier | undefined;
  /** Creates a PractitionerRole with this role (required with `name`). */
  readonly role?: string | undefined;
  /** 'Organization/<id>' of the unit the role is held in. */
  readonly unit?: string | undefined;
}

export interface StaffUserResult {
  readonly user: LoginUser;
  readonly practitioner: string;
  readonly createdPractitioner: boolean;
  readonly practitionerRole?: string;
}

export async function addStaffUser(repo: FhirRepository, users: UserStore, input: StaffUserInput): Promise<StaffUserResult> {
  // Check everything first, so that a refused user leaves nothing behind.
  if (Boolean(input.practitioner) === Boolean(input.name)) throw new Error('Give either an existing practitioner or the name of a new one');
  if (input.name && !input.role) throw new Error('A new practitioner needs a role (--role)');
  if (input.role !== undefined && (!isRole(input.role) || !STAFF_ROLES.includes(input.role))) {
    throw new Error(`Unknown role '${input.role}'; one of: ${STAFF_ROLES.join(', ')}`);
  }
  if (input.unit && !input.role) throw new Error('A unit (--unit) belongs to a role (--role)');
  assertPasswordStrength(input.password);
  if (await users.findByUsername(input.username)) throw new Error(`The username '${input.username}' is taken`);
  let practitionerDisplay: string | undefined;
  if (input.practitioner) {
    practitionerDisplay = nameOf((await readExisting<Practitioner>(repo, input.practitioner, 'Practitioner')).name);
  }
  if (input.unit) await readExisting(repo, input.unit, 'Organization');

  let practitioner = input.practitioner;
  let createdPractitioner = false;
  if (!practitioner) {
    const resource = newPractitioner(input.name!, input.identifier);
    const written = await repo.create(resource, input.identifier ? { ifNoneExist: `identifier=${encodeURIComponent(`${input.identifier.system}|${input.identifier.value}`)}` } : {});
    practitioner = `Practitioner/${written.stored.id}`;
    createdPractitioner = written.outcome === 'created';
    practitionerDisplay = resource.name?.[0]?.text;
  }

  let practitionerRole: string | undefined;
  if (input.role) {
    const role = input.role as Role;
    const resource: PractitionerRole = {
      resourceType: 'PractitionerRole',
      active: true,
      practitioner: { reference: practitioner, ...(practitionerDisplay ? { display: practitionerDisplay } : {}) },
      ...(input.unit ? { organization: { reference: input.unit } } : {}),
      code: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code: role, display: ROLE_DISPLAY[role].da }] }],
    };
    const condition = [`practitioner=${practitioner}`, `role=${encodeURIComponent(`${KERNE_ROLE_SYSTEM}|${role}`)}`, ...(input.unit ? [`organization=${input.unit}`] : [])].join('&');
    const written = await repo.create(resource, { ifNoneExist: condition });
    practitionerRole = `PractitionerRole/${written.stored.id}`;
  }

  const user = await users.add({ username: input.username, password: input.password, fhirUser: practitioner });
  return { user, practitioner, createdPractitioner, ...(practitionerRole ? { practitionerRole } : {}) };
}

export async function addPatientUser(repo: FhirRepository, users: UserStore, input: { username: string; password: string; patient: string }): Promise<LoginUser> {
  assertPasswordStrength(input.password);
  if (await users.findByUsername(input.username)) throw new Error(`The username '${input.username}' is taken`);
  await readExisting(repo, input.patient, 'Patient');
  return users.add({ username: input.username, password: input.password, fhirUser: input.patient });
}

function newPractitioner(fullName: string, identifier: Identifier | undefined): Practitioner {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) throw new Error(`Give the name as "Given Family", not '${fullName}'`);
  const family = words.at(-1)!;
  const given = words.slice(0, -1);
  return {
    resourceType: 'Practitioner',
    active: true,
    ...(identifier ? { identifier: [identifier] } : {}),
    name: [{ use: 'official', family, given, text: words.join(' ') }],
  };
}

/** Reads 'Type/<id>' (of the expected type), with a readable error when it is not there. */
async function readExisting<T>(repo: FhirRepository, reference: string, type: string): Promise<T> {
  const m = /^([A-Za-z]+)\/([A-Za-z0-9.-]{1,64})$/.exec(reference);
  if (!m || m[1] !== type) throw new Error(`Expected a reference '${type}/<id>', not '${reference}'`);
  try {
    const stored = await repo.read(type, m[2]!);
    return JSON.parse(stored.json!) as T;
  } catch (err) {
    if (err instanceof FhirError && (err.status === 404 || err.status === 410)) throw new Error(`${reference} does not exist`);
    throw err;
  }
}
