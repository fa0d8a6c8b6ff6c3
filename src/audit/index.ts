/** Audit: the tamper-evident audit log of FHIR AuditEvents (append-only, hash-chained). */
export { appendAuditEvents, type AuditEntry } from './append.ts';
export { verifyAuditLog, type AuditProblem, type AuditProblemKind, type AuditVerification } from './verify.ts';
export { GENESIS_HASH, rowHash } from './chain.ts';
export { AuditWriter } from './audit-writer.ts';
