/**
 * Early-warning scores: NEWS2 and TOKS variants as versioned rule-set tables, the engine that scores
 * validated vital signs as they are recorded, and the escalation to the doctor. The face of src/early-warning/.
 */
export { EarlyWarningService, RULE_SET_EXTENSION, type Evaluation } from './early-warning-service.ts';
export * as earlyWarningDomain from './domain/index.ts';
