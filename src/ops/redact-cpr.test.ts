/** CPR numbers never in logs or URLs: redaction of free text and detection in query strings. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queryHasCpr, redactCpr } from './redact-cpr.ts';
import { serializeError, serializeRequest } from './log-options.ts';

describe('redactCpr', () => {
  it('replaces CPR-like sequences with and without the dash, encoded or not', () => {
    assert.equal(redactCpr('Patient 0101011234 og 010101-1234.'), 'Patient [CPR] og [CPR].');
    assert.equal(redactCpr('/fhir/Patient?identifier=urn%3Aoid%3A1.2.208.176.1.2%7C0101011234'), '/fhir/Patient?identifier=urn%3Aoid%3A1.2.208.176.1.2%7C[CPR]');
    assert.equal(redactCpr('cpr=010101%2D1234&x=1'), 'cpr=[CPR]&x=1');
    assert.equal(redactCpr('"msg":"cpr0101011234"'), '"msg":"cpr[CPR]"');
  });

  it('leaves longer and shorter digit runs, dates and timestamps alone', () => {
    for (const text of ['01010112345', '123456789', '2024-01-01', '"time":1717171717171', 'id 12345-67890', '0101011234567']) {
      assert.equal(redactCpr(text), text);
    }
  });
});

describe('queryHasCpr', () => {
  it('finds a CPR-like value in any parameter, decoded', () => {
    assert.equal(queryHasCpr('identifier=urn:oid:1.2.208.176.1.2|0101011234'), true);
    assert.equal(queryHasCpr('identifier=urn%3Aoid%3A1.2.208.176.1.2%7C010101-1234'), true);
    assert.equal(queryHasCpr('name=x&identifier=010101%2D1234'), true);
    assert.equal(queryHasCpr('_content=0101011234'), true);
  });

  it('does not take ids, UUIDs, dates or numbers for CPR numbers', () => {
    assert.equal(queryHasCpr(''), false);
    assert.equal(queryHasCpr('subject=Patient/ab123456-7890-4abc-9def-123456789012'), false);
    assert.equal(queryHasCpr('date=ge2024-01-01&_count=100'), false);
    assert.equal(queryHasCpr('value-quantity=12345678901'), false);
    assert.equal(queryHasCpr('identifier=MRN0101011234'), false);
  });
});

describe('log serializers', () => {
  it('redact the request URL and error texts', () => {
    const req = serializeRequest({ method: 'GET', url: '/fhir/Patient?identifier=0101011234', host: 'h', ip: '127.0.0.1', socket: { remotePort: 1 } });
    assert.equal(req.url, '/fhir/Patient?identifier=[CPR]');
    const err = serializeError(new Error('no patient 010101-1234'));
    assert.equal(err.message, 'no patient [CPR]');
    assert.doesNotMatch(err.stack, /010101-1234/);
  });
});
