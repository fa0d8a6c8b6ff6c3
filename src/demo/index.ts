/** Demo data for `kerne start --demo`: a deterministic synthetic Danish population with fictitious CPR numbers. */
export { generateDemoPopulation, type DemoPopulationOptions } from './population.ts';
export { loadDemoDataIfEmpty, ensureDemoUsers, DEMO_SEED, DEMO_PATIENTS } from './load-demo.ts';
export { DEMO_PASSWORD, DEMO_CLIENT, DEMO_STAFF } from './demo-users.ts';
export { DEMO_UNITS } from './units.ts';
export { DEMO_LOCATION_SYSTEM, DEMO_PLACE_SOR_SYSTEM, demoLocationQuery } from './hospital-places.ts';
export { fictitiousCpr, satisfiesModulus11, birthYearOf, seventhDigitsFor, birthDateOf, genderOf } from './cpr.ts';
export { DEMO_TAG } from './demo-meta.ts';
export { DEMO_SOR } from './organization.ts';
