/** Errors: one type, rendered everywhere as an OperationOutcome. */
export * from './fhir-error.ts';
