/**
 * Which sector a unit or party belongs to (pure): hospital somatic or psychiatric, general practice
 * (almen praksis) or the municipality (kommunen). MedCom organisations carry only a SOR id, a GLN and
 * a name (standards/MEDCOM.md §3), so the rule reads, in order: Kerne's psychiatric unit marker (the
 * one the access layer uses), Kerne's own care-sector coding, a ydernummer (GP practice) or
 * kommunekode/KOMBIT identifier, the same for each parent (partOf), and last the Danish name.
 */
import type { CareTeam, Identifier, Organization, PractitionerRole, Reference } from '@medplum/fhirtypes';
import { PSYCHIATRIC_UNIT } from '../access/index.ts';
import { refId } from '../logistics/index.ts';
import { TimelineSector } from './api-types.ts';

/** Organization.type coding a site may set to say a party's sector outright (codes: TimelineSector values). */
export const CARE_SECTOR_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/care-sector';
/** Ydernummer: the GP practice's provider number. */
export const YDERNUMMER_SYSTEM = 'urn:oid:1.2.208.176.1.4';
export const MUNICIPALITY_CODE_SYSTEM = 'http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes';
export const KOMBIT_ORGANISATION_SYSTEM = 'https://kombit.dk/sts/organisation';

/** The directory a sector is decided from: organisations, and the roles and care teams that name one. */
export interface Directory {
  readonly organizations: ReadonlyMap<string, Organization>;
  readonly practitionerRoles: ReadonlyMap<string, PractitionerRole>;
  readonly careTeams: ReadonlyMap<string, CareTeam>;
}

export const EMPTY_DIRECTORY: Directory = { organizations: new Map(), practitionerRoles: new Map(), careTeams: new Map() };

const MUNICIPAL_NAME = /\bkommunes?\b|kommune[ns]?\b|plejecent|plejehjem|hjemmepleje|hjemmesygepleje|sundhedscent|genoptræningscent|rehabiliteringscent|visitation/i;
const GP_NAME = /lægepraksis|lægehus|lægerne\b|almen ?praksis|praktiserende læge|egen læge|lægeklinik/i;

function sectorOfIdentifiers(identifiers: readonly Identifier[] | undefined): TimelineSector | undefined {
  for (const i of identifiers ?? []) {
    if (i.system === YDERNUMMER_SYSTEM) return TimelineSector.generalPractice;
    if (i.system === MUNICIPALITY_CODE_SYSTEM || i.system === KOMBIT_ORGANISATION_SYSTEM) return TimelineSector.municipality;
  }
  return undefined;
}

function sectorOfName(name: string | undefined): TimelineSector | undefined {
  if (!name) return undefined;
  if (GP_NAME.test(name)) return TimelineSector.generalPractice;
  if (MUNICIPAL_NAME.test(name)) return TimelineSector.municipality;
  return undefined;
}

const SECTORS = new Set<string>(Object.values(TimelineSector));

/** The sector one organisation states itself (markers and identifiers; not its name, not its parents). */
function statedSector(org: Organization): TimelineSector | undefined {
  const codings = (org.type ?? []).flatMap((t) => t.coding ?? []);
  if (codings.some((c) => c.system === PSYCHIATRIC_UNIT.system && c.code === PSYCHIATRIC_UNIT.code)) return TimelineSector.hospitalPsychiatric;
  const stated = codings.find((c) => c.system === CARE_SECTOR_SYSTEM && c.code && SECTORS.has(c.code));
  if (stated) return stated.code as TimelineSector;
  return sectorOfIdentifiers(org.identifier);
}

/** The sector of an organisation: its own markers, then its parents', then its own name and its parents' names; undefined if nothing tells. */
export function organizationSector(id: string | undefined, directory: Directory): TimelineSector | undefined {
  const chain: Organization[] = [];
  const seen = new Set<string>();
  for (let at = id; at && !seen.has(at) && chain.length < 8; at = refId(chain.at(-1)?.partOf, 'Organization')) {
    seen.add(at);
    const org = directory.organizations.get(at);
    if (!org) break;
    chain.push(org);
  }
  for (const org of chain) {
    const stated = statedSector(org);
    if (stated) return stated;
  }
  for (const org of chain) {
    const named = sectorOfName(org.name) ?? (org.alias ?? []).map(sectorOfName).find(Boolean);
    if (named) return named;
  }
  return undefined;
}

/** The organisation a party reference stands for: an Organization, a PractitionerRole's, a CareTeam's managing one. */
export function partyOrganization(ref: Reference | undefined, directory: Directory): string | undefined {
  if (!ref) return undefined;
  const org = refId(ref, 'Organization');
  if (org) return org;
  const role = directory.practitionerRoles.get(refId(ref, 'PractitionerRole') ?? '');
  if (role) return refId(role.organization, 'Organization');
  const team = directory.careTeams.get(refId(ref, 'CareTeam') ?? '');
  if (team) return (team.managingOrganization ?? []).map((o) => refId(o, 'Organization')).find(Boolean);
  return undefined;
}

/** A party's sector and name (a reference's own identifier and display count when the directory has nothing). */
export function partySector(ref: Reference | undefined, directory: Directory): { sector?: TimelineSector; name?: string } {
  if (!ref) return {};
  const orgId = partyOrganization(ref, directory);
  const org = orgId ? directory.organizations.get(orgId) : undefined;
  const team = directory.careTeams.get(refId(ref, 'CareTeam') ?? '');
  const sector = organizationSector(orgId, directory) ?? sectorOfIdentifiers(ref.identifier ? [ref.identifier] : undefined) ?? sectorOfName(ref.display) ?? sectorOfName(team?.name);
  const name = org?.name ?? team?.name ?? ref.display;
  return { ...(sector ? { sector } : {}), ...(name ? { name } : {}) };
}

/** Is this sector outside the hospital (the GP or the municipality)? */
export const isPrimarySector = (s: TimelineSector | undefined): s is 'general-practice' | 'municipality' =>
  s === TimelineSector.generalPractice || s === TimelineSector.municipality;
