/**
 * Sensitive data: resources labelled restricted (R) or very restricted (V) in meta.security, and
 * psychiatric data, which Kerne labels R itself: an Encounter whose serviceProvider is a psychiatric
 * unit, and every resource recorded in such an encounter (its `encounter` or `context`).
 * @see https://hl7.org/fhir/R4/security-labels.html
 */
import type { Coding, Resource } from '@medplum/fhirtypes';
import { PSYCHIATRIC_UNIT } from '../../access/principal.ts';

export const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
export const RESTRICTED: Coding = { system: CONFIDENTIALITY_SYSTEM, code: 'R', display: 'restricted' };

export function hasSensitiveLabel(resource: Resource): boolean {
  return (resource.meta?.security ?? []).some((c) => c.system === CONFIDENTIALITY_SYSTEM && (c.code === 'R' || c.code === 'V'));
}

export function withRestrictedLabel(resource: Resource): Resource {
  if (hasSensitiveLabel(resource)) return resource;
  return { ...resource, meta: { ...resource.meta, security: [...(resource.meta?.security ?? []), { ...RESTRICTED }] } } as Resource;
}

export function isPsychiatricOrganization(resource: Resource): boolean {
  if (resource.resourceType !== 'Organization') return false;
  return (resource.type ?? []).some((t) => (t.coding ?? []).some((c) => c.system === PSYCHIATRIC_UNIT.system && c.code === PSYCHIATRIC_UNIT.code));
}

/** The references whose sensitivity `resource` inherits: 'Organization/x' (a unit) or 'Encounter/x'. */
export function sensitivitySources(resource: Resource): string[] {
  const out: string[] = [];
  const add = (ref: unknown) => {
    const r = (ref as { reference?: unknown } | undefined)?.reference;
    if (typeof r === 'string' && (r.startsWith('Encounter/') || r.startsWith('Organization/'))) out.push(r);
  };
  const r = resource as unknown as Record<string, unknown>;
  if (resource.resourceType === 'Encounter') {
    add(r.serviceProvider);
    add(r.partOf);
  } else {
    add(r.encounter);
    const context = r.context;
    if (Array.isArray(context)) context.forEach(add);
    else add(context);
  }
  return out.filter((ref) => (resource.resourceType === 'Encounter' ? true : ref.startsWith('Encounter/')));
}
