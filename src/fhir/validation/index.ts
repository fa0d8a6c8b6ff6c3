/** Resource validation: R4 base definitions, required bindings, installed profiles. */
export type { ResourceValidator } from './validator.ts';
export { createValidator, type ConformanceLoadResult, type Validator, type ValidatorOptions } from './create-validator.ts';
export { Terminology, canonicalUrl, type Expansion } from './value-sets.ts';
export type { SkippedInvariant } from './profile-preparation.ts';
