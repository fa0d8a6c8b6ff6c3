/**
 * Who is asking: the authenticated principal behind a request, as the identity layer resolves it
 * from a bearer token (Kerne's own or an external OIDC provider's) and the access layer uses it.
 * @see https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */

/** Kerne's roles (PractitionerRole.code in the KERNE_ROLE_SYSTEM code system). */
export const Role = {
  laege: 'laege',
  sygeplejerske: 'sygeplejerske',
  sekretaer: 'sekretaer',
  portoer: 'portoer',
  afdelingsledelse: 'afdelingsledelse',
  administrator: 'administrator',
  integration: 'integration',
  patient: 'patient',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLES = Object.values(Role) as readonly Role[];
export const isRole = (code: string): code is Role => (ROLES as readonly string[]).includes(code);

/** The code system of Kerne's roles, used in PractitionerRole.code. */
export const KERNE_ROLE_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/role';

/** Organization.type coding that marks a unit as psychiatric (its encounters are psychiatric data). */
export const UNIT_KIND_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/unit-kind';
export const PSYCHIATRIC_UNIT = { system: UNIT_KIND_SYSTEM, code: 'psychiatry', display: 'Psykiatrisk enhed' } as const;

/** Danish display names, for the UI and for AuditEvent.agent.role. */
export const ROLE_DISPLAY: Readonly<Record<Role, { da: string; en: string }>> = {
  laege: { da: 'Læge', en: 'Physician' },
  sygeplejerske: { da: 'Sygeplejerske', en: 'Nurse' },
  sekretaer: { da: 'Lægesekretær', en: 'Medical secretary' },
  portoer: { da: 'Serviceassistent/portør', en: 'Service assistant/porter' },
  afdelingsledelse: { da: 'Afdelingsledelse', en: 'Department management' },
  administrator: { da: 'Administrator', en: 'Administrator' },
  integration: { da: 'Integration (systemklient)', en: 'Integration (system client)' },
  patient: { da: 'Patient', en: 'Patient' },
};

/** One role held in one organisational unit (a PractitionerRole). */
export interface Membership {
  readonly role: Role;
  /** 'Organization/<id>' of the unit the role is held in; absent for hospital-wide roles. */
  readonly unit?: string;
}

export interface Principal {
  /** 'user': a clinician or other staff member; 'patient': a citizen; 'system': a client-credentials client. */
  readonly kind: 'user' | 'patient' | 'system';
  /** The token's `sub`. */
  readonly subject: string;
  /** The token's issuer (Kerne's own or the external provider's). */
  readonly issuer: string;
  /** The OAuth client the token was issued to. */
  readonly clientId: string;
  /** A name for audit and UI, e.g. "Line Skov" or the client id. */
  readonly display: string;
  /** 'Practitioner/<id>' or 'Patient/<id>' (SMART fhirUser); absent for system clients. */
  readonly fhirUser?: string;
  /** The user's roles in their units (from active PractitionerRoles); ['patient'] for patients, ['integration'] for system clients. */
  readonly memberships: readonly Membership[];
  /** Granted SMART scopes, e.g. ['openid', 'fhirUser', 'user/*.*'] or ['system/*.read']. */
  readonly scopes: readonly string[];
  /** SMART launch patient context ('<id>'), when the token carries one. */
  readonly patient?: string;
  /** The token's id (jti) or session id, to tie audit entries to one login. */
  readonly sessionId: string;
}

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  /** The client's network address. */
  readonly address?: string;
  readonly userAgent?: string;
  /** A request id, to correlate with access logs. */
  readonly requestId?: string;
}
