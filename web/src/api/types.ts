/** The JSON the Kerne server's own API (/api) answers with: the contract the web app codes against. */
import type { Role } from '../access/roles.ts';

/** GET /api/me */
export interface Me {
  readonly kind: 'user' | 'patient' | 'system';
  readonly display: string;
  /** 'Practitioner/<id>' or 'Patient/<id>'. */
  readonly fhirUser?: string;
  /** The patient's own id, for patient users. */
  readonly patient?: string;
  readonly memberships: readonly { readonly role: Role | string; readonly unit?: string; readonly unitName?: string }[];
  readonly scopes: readonly string[];
}

export type AuditAction = 'read' | 'search' | 'create' | 'update' | 'delete' | 'export' | 'break-the-glass';

/** GET /api/audit/mine (patient users): who looked at my record. */
export interface MyAuditEntry {
  readonly recorded: string;
  readonly who: string;
  readonly role?: string;
  readonly unit?: string;
  readonly action: AuditAction | string;
  readonly breakTheGlass: boolean;
  readonly reason?: string;
}

/** GET /api/audit/break-the-glass (afdelingsledelse): break-the-glass accesses for review. */
export interface BreakTheGlassReviewEntry {
  readonly recorded: string;
  readonly who: string;
  readonly role?: string;
  readonly unit?: string;
  readonly patient: { readonly id: string; readonly name?: string };
  readonly reason: string;
  readonly expiresAt?: string;
}

/** POST /api/break-the-glass → 201 */
export interface BreakTheGlassGrant {
  readonly patient: string;
  readonly expiresAt: string;
}
