/** The FHIR REST API: the HTTP plugin and the transport-free interaction dispatcher. */
export { fhirRestPlugin, sendFhir, FHIR_JSON, type FhirRestOptions } from './fhir-rest.plugin.ts';
export { handleInteraction } from './interactions.ts';
export type { FhirRequest, FhirResponse } from './fhir-request.ts';
export { parsePrefer, type Prefer } from './prefer.ts';
