/** FHIR IG packages: read, and install into the validator and the store. */
export { PACKAGE_RESOURCE_TYPES, readPackage, type FhirPackage } from './read-package.ts';
export { installPackage, type InstallDeps, type InstallResult } from './install-package.ts';
