/** The CapabilityStatement at /fhir/metadata: lists only what Kerne really does. @see https://hl7.org/fhir/R4/capabilitystatement.html */
import { loadFhirDefinitions, searchParametersOf } from '../definitions/index.ts';

const UNSUPPORTED_PARAM_TYPES = new Set(['composite', 'special']);
const SKIPPED_PARAMS = new Set(['_compartment']);

let cached: string | undefined;

export function capabilityStatementJson(options: { version: string; subscriptions: readonly string[] }): string {
  if (cached) return cached;
  const { resourceTypes } = loadFhirDefinitions();
  const resource = resourceTypes.map((type) => ({
    type,
    versioning: 'versioned',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalRead: 'not-supported',
    conditionalUpdate: true,
    conditionalDelete: 'single',
    referencePolicy: ['literal', 'logical'],
    interaction: ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type'].map((code) => ({ code })),
    searchInclude: ['*'],
    searchRevInclude: ['*'],
    searchParam: Object.entries(searchParametersOf(type))
      .filter(([code, sp]) => !SKIPPED_PARAMS.has(code) && !UNSUPPORTED_PARAM_TYPES.has(sp.type ?? ''))
      .map(([code, sp]) => ({ name: code, definition: sp.url, type: sp.type })),
  }));
  cached = JSON.stringify({
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString().slice(0, 10),
    kind: 'instance',
    software: { name: 'Kerne', version: options.version },
    implementation: { description: 'Kerne FHIR R4 server' },
    fhirVersion: '4.0.1',
    format: ['json'],
    patchFormat: ['application/json-patch+json'],
    rest: [
      {
        mode: 'server',
        resource,
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'history-system' }],
        searchParam: [
          { name: '_count', type: 'number' },
          { name: '_sort', type: 'string' },
          { name: '_total', type: 'token' },
          { name: '_summary', type: 'token' },
          { name: '_elements', type: 'string' },
          { name: '_include', type: 'string' },
          { name: '_revinclude', type: 'string' },
        ],
        ...(options.subscriptions.length
          ? {
              extension: options.subscriptions.map((channel) => ({
                url: 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-subscription-channel',
                valueCode: channel,
              })),
            }
          : {}),
      },
    ],
  });
  return cached;
}
