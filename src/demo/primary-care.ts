/**
 * The demo's parties outside the hospital, by the patient's town: the GP practice (an Organization
 * with a made-up ydernummer, the identifier the timeline reads as general practice) and the
 * municipality's home care (an Organization with the real kommunekode, read as the municipality).
 * Each is added once, when a patient of that town first needs it, as a conditional create on its
 * identifier. @see ../timeline/sectors.ts
 */
import type { Organization } from '@medplum/fhirtypes';
import { MUNICIPALITY_CODE_SYSTEM, YDERNUMMER_SYSTEM } from '../timeline/sectors.ts';
import type { BundleBuilder } from './bundle-builder.ts';
import type { Named } from './demo-context.ts';
import { demoMeta } from './demo-meta.ts';
import { FEMALE_NAMES, MALE_NAMES, STREETS, SURNAMES, TOWNS } from './danish-names.ts';
import type { Random } from './random.ts';

/** The municipality (kommune) of each demo town, with its kommunekode. */
const MUNICIPALITY_OF_POSTAL_CODE: Readonly<Record<string, { readonly name: string; readonly code: string }>> = {
  '2100': { name: 'Københavns Kommune', code: '101' },
  '2200': { name: 'Københavns Kommune', code: '101' },
  '1850': { name: 'Frederiksberg Kommune', code: '147' },
  '3400': { name: 'Hillerød Kommune', code: '219' },
  '3000': { name: 'Helsingør Kommune', code: '217' },
  '4000': { name: 'Roskilde Kommune', code: '265' },
  '4700': { name: 'Næstved Kommune', code: '370' },
  '4200': { name: 'Slagelse Kommune', code: '330' },
  '5000': { name: 'Odense Kommune', code: '461' },
  '5700': { name: 'Svendborg Kommune', code: '479' },
  '6000': { name: 'Kolding Kommune', code: '621' },
  '6400': { name: 'Sønderborg Kommune', code: '540' },
  '6700': { name: 'Esbjerg Kommune', code: '561' },
  '7100': { name: 'Vejle Kommune', code: '630' },
  '7400': { name: 'Herning Kommune', code: '657' },
  '7500': { name: 'Holstebro Kommune', code: '661' },
  '8000': { name: 'Aarhus Kommune', code: '751' },
  '8600': { name: 'Silkeborg Kommune', code: '740' },
  '8700': { name: 'Horsens Kommune', code: '615' },
  '8800': { name: 'Viborg Kommune', code: '791' },
  '8900': { name: 'Randers Kommune', code: '730' },
  '9000': { name: 'Aalborg Kommune', code: '851' },
  '9800': { name: 'Hjørring Kommune', code: '860' },
};

const PRACTICE_KINDS = ['Lægerne', 'Lægehuset', 'Lægeklinikken', 'Lægepraksis'] as const;

/** A GP practice: its Organization's fullUrl and name, and the doctor who signs its letters. */
export interface GpPractice extends Named {
  readonly doctor: string;
}

/** The practices and home-care units of the demo, made on first use (in the patients' order, so deterministic). */
export class PrimaryCare {
  readonly #practices = new Map<string, GpPractice>();
  readonly #homeCare = new Map<string, Named>();
  constructor(
    private readonly b: BundleBuilder,
    private readonly rnd: Random,
  ) {}

  /** The GP practice in the patient's town (one per town). */
  practiceFor(postalCode: string): GpPractice {
    const known = this.#practices.get(postalCode);
    if (known) return known;
    const town = TOWNS.find((t) => t.postalCode === postalCode) ?? TOWNS[0]!;
    const street = this.rnd.pick(STREETS);
    const name = `${this.rnd.pick(PRACTICE_KINDS)} ${street}`;
    const female = this.rnd.chance(0.6);
    const doctor = `${this.rnd.pick(female ? FEMALE_NAMES : MALE_NAMES)} ${this.rnd.pick(SURNAMES)}`;
    // Made up: real ydernumre are six digits too; 99 + the postal code is in no register.
    const ydernummer = `99${town.postalCode}`;
    const organization: Organization = {
      resourceType: 'Organization',
      meta: demoMeta(),
      active: true,
      identifier: [{ use: 'official', system: YDERNUMMER_SYSTEM, value: ydernummer }],
      type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov', display: 'Healthcare Provider' }], text: 'Almen praksis' }],
      name,
      telecom: [{ system: 'phone', value: `${this.rnd.int(20, 99)} ${this.rnd.int(10, 99)} ${this.rnd.int(10, 99)} ${this.rnd.int(10, 99)}`, use: 'work' }],
      address: [{ use: 'work', type: 'physical', line: [`${street} ${this.rnd.int(1, 60)}`], city: town.city, postalCode: town.postalCode, country: 'DK' }],
    };
    const practice = { ref: this.b.add(organization, `identifier=${YDERNUMMER_SYSTEM}|${ydernummer}`), name, doctor };
    this.#practices.set(postalCode, practice);
    return practice;
  }

  /** The home care (hjemmeplejen) of the municipality the patient lives in. */
  homeCareFor(postalCode: string): Named {
    const municipality = MUNICIPALITY_OF_POSTAL_CODE[postalCode] ?? MUNICIPALITY_OF_POSTAL_CODE['8000']!;
    const known = this.#homeCare.get(municipality.code);
    if (known) return known;
    const name = `${municipality.name}, Hjemmeplejen`;
    const organization: Organization = {
      resourceType: 'Organization',
      meta: demoMeta(),
      active: true,
      identifier: [{ use: 'official', system: MUNICIPALITY_CODE_SYSTEM, value: municipality.code }],
      type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'govt', display: 'Government' }], text: 'Kommunal hjemmepleje' }],
      name,
    };
    const homeCare = { ref: this.b.add(organization, `identifier=${MUNICIPALITY_CODE_SYSTEM}|${municipality.code}`), name };
    this.#homeCare.set(municipality.code, homeCare);
    return homeCare;
  }
}
