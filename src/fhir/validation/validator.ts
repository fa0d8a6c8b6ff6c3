/** The validation port that the repository calls before every write. */
import type { Resource } from '@medplum/fhirtypes';

export interface ResourceValidator {
  /**
   * Checks a resource against the R4 base definition of its type (structure, cardinality, types,
   * required bindings) and against every profile named in meta.profile that the store knows.
   * Throws FhirError (400, or 422 for profile violations) whose issues' `expression` point at the problem.
   */
  validate(resource: Resource): void;
}
