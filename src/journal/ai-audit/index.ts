/** The audit of AI use in the journal (journal-ai.md §7): append-only rows protected by the one audit hash chain. */
export { AI_AUDIT_TYPE, AI_EVENT_SYSTEM, hashQuery, readAiAnswer, recordAiAction, recordAiAnswer, verifyAiAudit, type AiActionRecord, type AiAnswerRecord, type AiAuditVerification, type AiUser } from './ai-audit.ts';
