/** PKCE S256: the RFC 7636 appendix B example, malformed verifiers and challenges. @see https://www.rfc-editor.org/rfc/rfc7636#appendix-B */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidCodeChallenge, isValidCodeVerifier, s256Challenge, verifyPkceS256 } from './pkce.ts';

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256', () => {
  it('matches the RFC 7636 example', () => {
    assert.equal(s256Challenge(VERIFIER), CHALLENGE);
    assert.equal(verifyPkceS256(VERIFIER, CHALLENGE), true);
  });

  it('refuses a wrong verifier, a malformed verifier and a malformed challenge', () => {
    assert.equal(verifyPkceS256(VERIFIER.replace('d', 'e'), CHALLENGE), false);
    assert.equal(verifyPkceS256('short', s256Challenge('short')), false, 'under 43 characters');
    assert.equal(verifyPkceS256('x'.repeat(129), s256Challenge('x'.repeat(129))), false, 'over 128 characters');
    assert.equal(verifyPkceS256(`${VERIFIER}!`, s256Challenge(`${VERIFIER}!`)), false, 'not unreserved characters');
    assert.equal(verifyPkceS256(VERIFIER, VERIFIER), false, 'plain is not S256');
    assert.equal(isValidCodeVerifier('a'.repeat(43)), true);
    assert.equal(isValidCodeChallenge(CHALLENGE), true);
    assert.equal(isValidCodeChallenge(`${CHALLENGE}=`), false);
  });
});
