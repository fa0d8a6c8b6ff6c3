/** Who may do what on /api/vitals: nurses and doctors validate and chart; doctors order and acknowledge. */
import { FhirError, IssueType } from '../errors/index.ts';
import type { Principal } from '../access/index.ts';

export const CHARTING_ROLES = ['sygeplejerske', 'laege'] as const;
export const DOCTOR_ROLES = ['laege'] as const;

export const hasRole = (principal: Principal, roles: readonly string[]): boolean =>
  principal.kind === 'system' || principal.memberships.some((m) => roles.includes(m.role));

/** 403 unless the caller holds one of the roles (system clients may do everything their scopes allow). */
export function requireRole(principal: Principal, roles: readonly string[], what: string): void {
  if (!hasRole(principal, roles)) throw new FhirError(403, IssueType.forbidden, `${what} needs the role ${roles.join(' or ')}`);
}
