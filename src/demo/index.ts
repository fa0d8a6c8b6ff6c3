/** Demo data for `kerne start --demo`: a deterministic synthetic Danish population with fictitious CPR numbers. */
export { generateDemoPopulation, type DemoPopulationOptions } from './population.ts';
export { loadDemoDataIfEmpty, DEMO_SEED, DEMO_PATIENTS } from './load-demo.ts';
export { fictitiousCpr, satisfiesModulus11, birthYearOf, seventhDigitsFor, birthDateOf, genderOf } from './cpr.ts';
export { DEMO_TAG } from './demo-meta.ts';
export { DEMO_SOR } from './organization.ts';
