/**
 * Identity: Kerne's own OAuth 2 / OpenID Connect / SMART App Launch authorization server, bearer
 * token verification into a Principal (own and external OIDC tokens), and SMART scope logic.
 * @see https://hl7.org/fhir/smart-app-launch/
 */
export { createIdentity, identityStores, type Identity, type IdentityDeps } from './identity.ts';
export type { AccessTokenInput, IssuedToken } from './tokens.ts';
export { ACCESS_TOKEN_TYP, fhirAudience } from './tokens.ts';
export { issuerOf, INJECT_ISSUER } from './issuer.ts';
export {
  allows,
  parseScope,
  parseScopes,
  formatScope,
  intersectGrants,
  scopeList,
  SCOPE_CONTEXTS,
  type ScopeContext,
  type ScopeGrant,
  type ScopeOperation,
  type ScopePermissions,
  type ParsedScopes,
} from './smart-scopes.ts';
export { grantScopes, isScopeSubset, type SubjectKind } from './grants.ts';
export type { UserStore, LoginUser, NewLoginUser } from './user-store.ts';
export type { ClientStore, OAuthClient, NewOAuthClient, GrantType } from './client-store.ts';
export { WEB_CLIENT_ID } from './client-store.ts';
export { MIN_PASSWORD_LENGTH } from './secrets.ts';
export { OIDC_SUBJECT_SYSTEM } from './memberships.ts';
export { SSO_COOKIE, CSRF_COOKIE } from './context.ts';
export { addStaffUser, addPatientUser, type StaffUserInput } from './provision.ts';
