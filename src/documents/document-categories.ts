/**
 * Kerne's document categories as a FHIR CodeSystem (https://kerne.dk/fhir/CodeSystem/document-category)
 * with Danish displays, and the coding a DocumentReference.category carries. An epikrise is also typed
 * with LOINC 18842-5 (Discharge summary), so the journal ranks it as one. Pure.
 * @see https://hl7.org/fhir/R4/documentreference-definitions.html#DocumentReference.category
 */
import type { CodeableConcept, CodeSystem } from '@medplum/fhirtypes';
import { CATEGORY_DISPLAY, DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_SYSTEM, DocumentCategory } from './api-types.ts';

export const DOCUMENT_CATEGORY_CODE_SYSTEM = {
  resourceType: 'CodeSystem',
  url: DOCUMENT_CATEGORY_SYSTEM,
  name: 'KerneDocumentCategory',
  title: 'Kerne dokumentkategorier',
  status: 'active',
  content: 'complete',
  caseSensitive: true,
  concept: DOCUMENT_CATEGORIES.map((code) => ({ code, display: CATEGORY_DISPLAY[code] })),
} as const satisfies CodeSystem;

export const categoryConcept = (code: DocumentCategory): CodeableConcept => ({
  coding: [{ system: DOCUMENT_CATEGORY_SYSTEM, code, display: CATEGORY_DISPLAY[code] }],
  text: CATEGORY_DISPLAY[code],
});

/** DocumentReference.type for a category, where a standard code fits. */
export const typeForCategory = (code: DocumentCategory): CodeableConcept | undefined =>
  code === DocumentCategory.epikrise ? { coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }], text: 'Epikrise' } : undefined;

/** The category code among a DocumentReference's categories, or null. */
export function categoryOf(categories: readonly CodeableConcept[] | undefined): DocumentCategory | null {
  for (const concept of categories ?? []) {
    for (const coding of concept.coding ?? []) {
      if (coding.system === DOCUMENT_CATEGORY_SYSTEM && (DOCUMENT_CATEGORIES as readonly string[]).includes(coding.code ?? '')) return coding.code as DocumentCategory;
    }
  }
  return null;
}
