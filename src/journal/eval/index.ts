/** @module Synthetic Danish evaluation records with known facts (issue 6; journal-ai.md §8). */
export { generateEvalRecord, type EvalRecord, type EvalRecordOptions } from './eval-record.ts';
export { noteText, noteDocId, EVAL_NOTE_SYSTEM } from './note-text.ts';
export { codePointLength, sliceCodePoints, HEADERS, type Header } from './note-writer.ts';
export type * from './record-truth.ts';
