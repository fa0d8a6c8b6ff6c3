/**
 * The token endpoint's success response for a user: access token, ID token (openid scope), refresh
 * token (when one was issued), and the SMART context (patient, fhirUser).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1 and https://hl7.org/fhir/smart-app-launch/app-launch.html#response-5
 */
import type { IdentityContext } from './context.ts';
import { scopeList } from './smart-scopes.ts';
import { signAccessToken, signIdToken } from './tokens.ts';
import type { LoginUser } from './user-store.ts';

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
  readonly refresh_token?: string;
  readonly id_token?: string;
  readonly patient?: string;
  readonly fhirUser?: string;
}

export interface UserGrant {
  readonly user: LoginUser;
  readonly clientId: string;
  readonly scope: string;
  readonly sessionId: string | null;
  readonly authTime: number;
  readonly nonce?: string | undefined;
  readonly refreshToken?: string | undefined;
}

/** The Patient id of a patient user ('Patient/<id>'), else undefined. */
export const patientOf = (fhirUser: string): string | undefined => (fhirUser.startsWith('Patient/') ? fhirUser.slice('Patient/'.length) : undefined);

export async function userTokenResponse(ctx: IdentityContext, issuer: string, grant: UserGrant): Promise<TokenResponse> {
  const scopes = scopeList(grant.scope);
  const patient = patientOf(grant.user.fhirUser);
  const access = await signAccessToken(
    ctx.keys,
    issuer,
    {
      subject: grant.user.id,
      fhirUser: grant.user.fhirUser,
      scope: scopes,
      clientId: grant.clientId,
      patient,
      sessionId: grant.sessionId ?? undefined,
    },
    ctx.config.accessTokenTtl,
  );
  let idToken: string | undefined;
  if (scopes.includes('openid')) {
    const name = scopes.includes('profile') ? (await ctx.memberships.facts(grant.user.fhirUser)).display : undefined;
    idToken = await signIdToken(
      ctx.keys,
      issuer,
      {
        subject: grant.user.id,
        clientId: grant.clientId,
        authTime: grant.authTime,
        sessionId: grant.sessionId ?? access.jti,
        nonce: grant.nonce,
        fhirUser: scopes.includes('fhirUser') ? grant.user.fhirUser : undefined,
        name,
        preferredUsername: scopes.includes('profile') ? grant.user.username : undefined,
      },
      ctx.config.accessTokenTtl,
    );
  }
  return {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: access.expiresIn,
    scope: scopes.join(' '),
    ...(grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
    ...(idToken ? { id_token: idToken } : {}),
    ...(patient ? { patient } : {}),
    fhirUser: grant.user.fhirUser,
  };
}

