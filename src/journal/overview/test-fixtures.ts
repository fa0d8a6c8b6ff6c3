/** Fixtures for the overview builders' unit tests: a note as a TextDocument, an empty input, and a check that a span citation verifies. */
import assert from 'node:assert/strict';
import type { DocumentReference, Resource } from '@medplum/fhirtypes';
import type { JournalCitation } from '../api-types.ts';
import { verifyCitation } from '../text/index.ts';
import type { OverviewInput, TextDocument } from './overview-input.ts';
import { textDocument } from './text-documents.ts';

export const NOW = new Date('2026-03-12T10:00:00Z');
export const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

/** A note (DocumentReference, text/plain) at version `version`, as the builders see it. */
export function note(id: string, text: string, recorded: string, version = '1'): TextDocument {
  const resource: DocumentReference = {
    resourceType: 'DocumentReference', id, meta: { versionId: version, lastUpdated: recorded }, status: 'current', subject: { reference: 'Patient/p1' }, date: recorded,
    type: { text: 'Journalnotat' }, content: [{ attachment: { contentType: 'text/plain', data: Buffer.from(text, 'utf8').toString('base64') } }],
  };
  return textDocument(resource)!;
}

/** Gives a resource an id and version 1. */
export const stored = <T extends Resource>(r: T, id: string, lastUpdated = daysAgo(100)): T => ({ ...r, id, meta: { versionId: '1', lastUpdated } });

export function input(parts: Partial<OverviewInput> = {}): OverviewInput {
  return {
    patientId: 'p1', now: NOW, allergies: [], medicationStatements: [], medicationRequests: [], conditions: [], vitals: [], earlyWarningScores: [], encounters: [],
    serviceRequests: [], results: [], documents: [], changedSinceLastVisit: [], ...parts,
  };
}

/** Asserts that a span citation verifies against the document's text and quotes it. */
export function assertVerifies(c: JournalCitation, doc: TextDocument, quote?: string): void {
  assert.equal(c.kind, 'span', 'a span citation');
  if (c.kind !== 'span') return;
  const status = verifyCitation({ id: doc.id, version: Number(doc.versionId), text: doc.text }, { docId: c.id, version: Number(c.versionId), contentHash: c.contentHash as `sha256:${string}`, start: c.start, end: c.end, unit: 'codepoint', quoteHash: c.quoteHash as `sha256:${string}` });
  assert.equal(status, 'valid', `the citation of "${c.quote}" verifies against ${doc.id}`);
  if (quote !== undefined) assert.equal(c.quote, quote, 'it quotes the words');
}
