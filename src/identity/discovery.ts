/**
 * The discovery documents, pure: OpenID Provider metadata and SMART App Launch 2 configuration.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
 * @see https://hl7.org/fhir/smart-app-launch/conformance.html
 */

/** Scopes a client can ask for (wildcards stand for every resource type). */
export const SCOPES_SUPPORTED = [
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'launch/patient',
  'patient/*.read',
  'patient/*.rs',
  'user/*.*',
  'user/*.read',
  'user/*.write',
  'user/*.cruds',
  'user/*.rs',
  'system/*.*',
  'system/*.read',
  'system/*.write',
  'system/*.cruds',
  'system/*.rs',
] as const;

export const GRANT_TYPES_SUPPORTED = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export const AUTH_METHODS_SUPPORTED = ['client_secret_basic', 'client_secret_post', 'none'] as const;

export const SMART_CAPABILITIES = [
  'launch-standalone',
  'client-public',
  'client-confidential-symmetric',
  'sso-openid-connect',
  'context-standalone-patient',
  'permission-offline',
  'permission-patient',
  'permission-user',
  'permission-v1',
  'permission-v2',
] as const;

export const endpoints = (issuer: string) => ({
  authorization_endpoint: `${issuer}/oauth2/authorize`,
  token_endpoint: `${issuer}/oauth2/token`,
  jwks_uri: `${issuer}/oauth2/jwks`,
  userinfo_endpoint: `${issuer}/oauth2/userinfo`,
  revocation_endpoint: `${issuer}/oauth2/revoke`,
  end_session_endpoint: `${issuer}/oauth2/logout`,
});

export function openidConfiguration(issuer: string) {
  return {
    issuer,
    ...endpoints(issuer),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [...GRANT_TYPES_SUPPORTED],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: [...AUTH_METHODS_SUPPORTED],
    revocation_endpoint_auth_methods_supported: [...AUTH_METHODS_SUPPORTED],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: [...SCOPES_SUPPORTED],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'sid', 'fhirUser', 'name', 'preferred_username'],
    ui_locales_supported: ['da', 'en'],
    authorization_response_iss_parameter_supported: true,
    request_parameter_supported: false,
  };
}

export function smartConfiguration(issuer: string) {
  return {
    issuer,
    ...endpoints(issuer),
    grant_types_supported: [...GRANT_TYPES_SUPPORTED],
    token_endpoint_auth_methods_supported: [...AUTH_METHODS_SUPPORTED],
    scopes_supported: [...SCOPES_SUPPORTED],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [...SMART_CAPABILITIES],
  };
}
