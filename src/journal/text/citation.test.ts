/** Tests for citation.ts: span and resource citations, valid/stale/invalid verification (journal-ai.md §5). */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { citeResource, citeSpan, quoteOf, sha256Of, verifyCitation, verifyResourceCitation, type JournalDocument, type SpanCitation } from './citation.ts';
import { segmentNote } from './segment.ts';

const DOC: JournalDocument = { id: 'doc-123', version: 4, text: 'Anamnese: 🤒 Feber i 3 døgn.\nKonklusion: Pneumoni i højre underlap 🫁. Ingen tegn på DVT.' };

function hex(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

describe('citeSpan', () => {
  test('has the reference format with code-point offsets and hashes', () => {
    const c = citeSpan(DOC, 12, 27);
    assert.deepEqual(Object.keys(c), ['docId', 'version', 'contentHash', 'start', 'end', 'unit', 'quoteHash'], 'field order as in the reference');
    assert.equal(c.docId, 'doc-123', 'docId');
    assert.equal(c.version, 4, 'version');
    assert.equal(c.unit, 'codepoint', 'unit');
    assert.equal(c.contentHash, `sha256:${hex(DOC.text)}`, 'content hash over the UTF-8 text');
    assert.equal(c.quoteHash, `sha256:${hex('Feber i 3 døgn.')}`, 'quote hash over the code-point slice (after the emoji)');
    assert.equal(quoteOf(DOC, c), 'Feber i 3 døgn.', 'quoteOf returns the cited text');
  });

  test('citing a segmented passage round-trips', () => {
    for (const p of segmentNote(DOC.text)) {
      const c = citeSpan(DOC, p.start, p.end);
      assert.equal(verifyCitation(DOC, c), 'valid', `passage "${p.text}" cites validly`);
      assert.equal(quoteOf(DOC, c), p.text, `passage "${p.text}" quote`);
    }
  });

  test('rejects spans outside the text', () => {
    const length = [...DOC.text].length;
    assert.throws(() => citeSpan(DOC, 0, length + 1), RangeError, 'end past the text in code points');
    assert.throws(() => citeSpan(DOC, 5, 4), RangeError, 'reversed');
    assert.throws(() => citeSpan(DOC, -1, 2), RangeError, 'negative');
    assert.doesNotThrow(() => citeSpan(DOC, length, length), 'empty span at the end is allowed');
  });

  test('sha256Of is prefixed lower-case hex', () => {
    assert.match(sha256Of('æøå'), /^sha256:[0-9a-f]{64}$/u, 'format');
    assert.equal(sha256Of(''), 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'known empty-string digest');
  });
});

describe('verifyCitation', () => {
  const citation = citeSpan(DOC, 40, 68);

  test('valid for the same version and content', () => {
    assert.equal(quoteOf(DOC, citation), 'Pneumoni i højre underlap 🫁.', 'precondition: quote');
    assert.equal(verifyCitation(DOC, citation), 'valid', 'unchanged document');
  });

  test('stale once the document is amended or re-versioned', () => {
    const amended = { ...DOC, version: 5, text: DOC.text.replace('3 døgn', '4 døgn') };
    assert.equal(verifyCitation(amended, citation), 'stale', 'new version, new text');
    assert.equal(verifyCitation({ ...DOC, version: 5 }, citation), 'stale', 'new version, same text');
    assert.equal(verifyCitation({ ...DOC, text: `${DOC.text} ` }, citation), 'stale', 'same version, changed text');
    assert.equal(verifyCitation({ ...DOC, version: 5, text: 'Kort.' }, citation), 'stale', 'offsets beyond the new text are still stale, not re-anchored');
    assert.equal(quoteOf(amended, citation), undefined, 'no quote for a stale citation');
  });

  test('invalid for a broken span, a wrong quote hash or another document', () => {
    const length = [...DOC.text].length;
    const variants: [string, SpanCitation][] = [
      ['end past the text', { ...citation, end: length + 1 }],
      ['end in UTF-16 units past the code-point length', { ...citation, start: 0, end: DOC.text.length }],
      ['reversed span', { ...citation, start: 50, end: 45 }],
      ['fractional offset', { ...citation, start: 40.5 }],
      ['quote hash of another span', { ...citation, end: 67 }],
      ['tampered quote hash', { ...citation, quoteHash: sha256Of('Ingen pneumoni.') }],
      ['malformed hash', { ...citation, quoteHash: 'sha256:xyz' as SpanCitation['quoteHash'] }],
      ['another document', { ...citation, docId: 'doc-999' }],
      ['another unit', { ...citation, unit: 'utf16' as 'codepoint' }],
    ];
    assert.ok(DOC.text.length > length, 'precondition: the text has astral characters');
    for (const [why, c] of variants) assert.equal(verifyCitation(DOC, c), 'invalid', why);
  });

  test('a UTF-16 span of the same words does not verify as a code-point span', () => {
    const utf16Start = DOC.text.indexOf('Pneumoni');
    const forged = { ...citation, start: utf16Start, end: utf16Start + 'Pneumoni i højre underlap 🫁.'.length };
    assert.equal(verifyCitation(DOC, forged), 'invalid', 'UTF-16 offsets point elsewhere, so the quote hash fails');
  });
});

describe('resource citations', () => {
  const allergy = { resourceType: 'AllergyIntolerance', id: 'a1', meta: { versionId: '3' } };

  test('cite and verify by resourceType, id and versionId', () => {
    const c = citeResource(allergy);
    assert.deepEqual(c, { resourceType: 'AllergyIntolerance', id: 'a1', versionId: '3' }, 'reference format');
    assert.equal(verifyResourceCitation(allergy, c), 'valid', 'same version');
    assert.equal(verifyResourceCitation({ ...allergy, meta: { versionId: '4' } }, c), 'stale', 'newer version');
    assert.equal(verifyResourceCitation({ ...allergy, id: 'a2' }, c), 'invalid', 'another resource');
    assert.equal(verifyResourceCitation({ ...allergy, resourceType: 'Condition' }, c), 'invalid', 'another type');
  });

  test('a resource without id or versionId cannot be cited', () => {
    assert.throws(() => citeResource({ resourceType: 'Condition', id: 'c1' }), TypeError, 'no versionId');
    assert.throws(() => citeResource({ resourceType: 'Condition', meta: { versionId: '1' } }), TypeError, 'no id');
  });
});
