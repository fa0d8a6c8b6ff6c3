/**
 * Correspondence between the demo hospital and the sectors around it, as completed Communications
 * (a korrespondancemeddelelse, MedCom's CareCommunication in spirit): the municipality's home care
 * telling the ward about a newly admitted citizen, and the ward telling the GP that a past inpatient
 * stay has ended. The timeline reads the direction from the party outside the hospital; the journal
 * search indexes the payload. No word of fever, allergy, or a drug stopped or started: the messages
 * add the course around the stay, never a clinical fact the structured record lacks.
 * @see ../timeline/message-entries.ts
 */
import type { Communication } from '@medplum/fhirtypes';
import { FEMALE_NAMES, SURNAMES } from './danish-names.ts';
import type { Named } from './demo-context.ts';
import { demoMeta } from './demo-meta.ts';
import type { Random } from './random.ts';

interface MessageInput {
  readonly patientRef: string;
  readonly encounterRef: string;
  readonly sender: Named;
  readonly recipient: Named;
  readonly sent: string;
  readonly topic: string;
  readonly text: string;
}

function careMessage(m: MessageInput): Communication {
  return {
    resourceType: 'Communication',
    meta: demoMeta(),
    status: 'completed',
    category: [{ text: 'Korrespondancemeddelelse' }],
    subject: { reference: m.patientRef },
    encounter: { reference: m.encounterRef },
    topic: { text: m.topic },
    sent: m.sent,
    sender: { reference: m.sender.ref, display: m.sender.name },
    recipient: [{ reference: m.recipient.ref, display: m.recipient.name }],
    payload: [{ contentString: m.text }],
  };
}

const HELP = [
  'personlig pleje morgen og aften',
  'hjælp til bad to gange om ugen og praktisk hjælp hver 14. dag',
  'personlig pleje om morgenen og tilsyn om aftenen',
  'hjælp til påklædning og måltider tre gange dagligt',
] as const;
const HOME = [
  'Bor alene i lejlighed i stueplan.',
  'Bor sammen med ægtefælle i eget hus; ægtefællen er selv svækket.',
  'Bor alene i lejlighed på 2. sal med elevator.',
  'Bor i ældrebolig med nødkald.',
] as const;
const MOBILITY = ['Går med rollator indendørs.', 'Går selvstændigt med stok.', 'Forflytter sig med hjælp fra én person.'] as const;
const RELATIVES = ['datter', 'søn', 'nevø', 'nabo (kontaktperson)'] as const;
const ROLES = ['social- og sundhedsassistent', 'sygeplejerske, hjemmesygeplejen', 'social- og sundhedshjælper'] as const;

/** From the municipality's home care to the ward, a few hours after admission. */
export function homeCareMessage(input: { patientRef: string; encounterRef: string; homeCare: Named; unit: Named; sent: string; patientName: string }, rnd: Random): Communication {
  const medicine = rnd.chance(0.6) ? 'Hjemmeplejen administrerer medicin fra doseringsæske efter FMK.' : 'Administrerer selv sin medicin.';
  const text = [
    `Vedr. ${input.patientName}, som er indlagt hos jer.`,
    `Borgeren modtager hjemmepleje med ${rnd.pick(HELP)}. ${rnd.pick(HOME)} ${rnd.pick(MOBILITY)}`,
    medicine,
    `Pårørende: ${rnd.pick(RELATIVES)}, tlf. ${rnd.int(20, 61)} ${rnd.int(10, 99)} ${rnd.int(10, 99)} ${rnd.int(10, 99)}.`,
    'Giv os gerne besked i god tid inden udskrivelse, så vi kan planlægge hjemkomsten.',
    `Venlig hilsen ${rnd.pick(FEMALE_NAMES)} ${rnd.pick(SURNAMES)}, ${rnd.pick(ROLES)}, ${input.homeCare.name}`,
  ].join('\n');
  return careMessage({ patientRef: input.patientRef, encounterRef: input.encounterRef, sender: input.homeCare, recipient: input.unit, sent: input.sent, topic: 'Indlæggelsesrapport', text });
}

const FOLLOW_UP = [
  'Kontrol af blodprøver hos egen læge om 1-2 uger anbefales.',
  'Vi anbefaler opfølgning hos egen læge om ca. 2 uger.',
  'Ingen planlagt kontrol i afdelingen; opfølgning hos egen læge efter behov.',
] as const;

/** From the ward to the GP when a past inpatient stay ended. */
export function dischargeMessage(input: { patientRef: string; encounterRef: string; unit: Named; practice: Named; sent: string; patientName: string; diagnosis: string; period: string; doctorName: string }, rnd: Random): Communication {
  const text = [
    'Kære kollega',
    `${input.patientName} er i dag udskrevet fra ${input.unit.name} efter indlæggelse ${input.period} med ${input.diagnosis.toLocaleLowerCase('da')}.`,
    'Patienten er udskrevet i stabil tilstand til eget hjem. Epikrise følger.',
    rnd.pick(FOLLOW_UP),
    `Venlig hilsen ${input.doctorName}, ${input.unit.name}, Demo Sygehus`,
  ].join('\n');
  return careMessage({ patientRef: input.patientRef, encounterRef: input.encounterRef, sender: input.unit, recipient: input.practice, sent: input.sent, topic: 'Udskrivelse', text });
}
