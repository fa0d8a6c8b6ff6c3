/**
 * PKCE (RFC 7636) with WebCrypto: a random code verifier and its S256 challenge, base64url without
 * padding. Also the random `state`. Works in browsers and in Node 20 (globalThis.crypto).
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.2
 */

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random string of `bytes` random bytes, base64url (32 bytes → 43 characters, within the verifier's 43–128). */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** BASE64URL(SHA256(ASCII(verifier))) */
export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
