/** @module The hand-written held-out evaluation set (notes, questions with gold answers, bundle, scoring); issue 6, journal-ai.md §8. */
export { HELD_OUT_NOTES, HELD_OUT_PATIENTS, type HeldOutNote, type HeldOutPatient } from './held-out-notes.ts';
export { HELD_OUT_QUESTIONS, type HeldOutQuestion, type HeldOutVerdict } from './held-out-questions.ts';
export { heldOutBundle, type HeldOutBundle } from './held-out-bundle.ts';
export { scoreHeldOut, type HeldOutScore } from './score-held-out.ts';
