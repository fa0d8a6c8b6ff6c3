/**
 * The GP's referral letter before a demo ward stay: a DocumentReference in the document archive's
 * category "Brev fra egen læge" (src/documents), authored by the practice, with the letter as an
 * inline text/plain attachment in Danish, so the timeline shows it under almen praksis and the
 * journal search finds it. The letter states only what the patient's structured record holds: the
 * stay's diagnosis (as the GP's suspicion), the active problem list, the medication the GP knew of
 * (the stay's list without what the hospital starts) and the allergies ("CAVE: …" or "Ingen kendte
 * allergier." on a line of its own: a header "Allergier:" would read as an allergy), except on
 * purpose for the one conflict patient (cross-sector.ts).
 * No word of fever, not even "nældefeber" (the search's and the ask box's browser tests rely on the
 * MED1 admission note's "Har ikke feber." being the only one), no stop or restart word
 * (the overview reads those as medication changes).
 */
import type { DocumentReference } from '@medplum/fhirtypes';
import { DocumentCategory } from '../documents/api-types.ts';
import { categoryConcept } from '../documents/document-categories.ts';
import { demoMeta } from './demo-meta.ts';
import type { GpPractice } from './primary-care.ts';
import type { Random } from './random.ts';

export interface ReferralFacts {
  readonly patientRef: string;
  readonly patientName: string;
  readonly gender: 'female' | 'male';
  readonly age: number;
  /** "12.03.1948" */
  readonly birthDate: string;
  readonly diagnosisCode: string;
  readonly diagnosis: string;
  readonly unitName: string;
  /** Displays of the active problem-list diagnoses. */
  readonly problems: readonly string[];
  /** Dosage texts of the drugs the GP lists ("Metoprolol 50 mg x 2 dgl."). */
  readonly medication: readonly string[];
  /** "Phenoxymethylpenicillin (udslæt)", one per AllergyIntolerance. */
  readonly allergies: readonly string[];
  /** The letter says "Ingen kendte allergier." although `allergies` is not empty (the demo's one conflict). */
  readonly statesNoAllergies: boolean;
  readonly date: string;
  /** The date as written in the letter, "14.01.2025". */
  readonly dateText: string;
}

/** What the GP heard and found, and the reason for referral, by the stay's SKS diagnosis (two versions where it helps variety). */
const STORIES: Readonly<Record<string, readonly { readonly history: string; readonly findings: string; readonly reason: string }[]>> = {
  DJ189: [
    { history: 'Hoste med gulligt ekspektorat og tiltagende åndenød gennem 4 dage. Almen utilpashed og nedsat appetit.', findings: 'Påvirket. Respirationsfrekvens 24, saturation 92 % uden ilt. CRP 96 i praksis.', reason: 'Mistanke om pneumoni. Henvises til akut vurdering og behandling.' },
    { history: 'Siden weekenden hoste og smerter i højre side af brystkassen ved dyb vejrtrækning. Træt og har svært ved at klare sig selv.', findings: 'Let påvirket, respirationsfrekvens 22. CRP 124 i praksis.', reason: 'Mistanke om pneumoni. Henvises til indlæggelse.' },
  ],
  DN390: [
    { history: 'Svie ved vandladning og hyppig vandladning gennem 3 dage, nu almen utilpas og har svært ved at klare sig selv.', findings: 'Urinstix: leukocytter og nitrit positiv. CRP 78 i praksis.', reason: 'Mistanke om urinvejsinfektion med almen påvirkning. Henvises til indlæggelse.' },
    { history: 'Smerter over blæren og uklar, ildelugtende urin siden i forgårs. Tiltagende træthed.', findings: 'Ømhed suprapubisk. Urinstix positiv for leukocytter og nitrit.', reason: 'Mistanke om urinvejsinfektion. Henvises til vurdering og behandling.' },
  ],
  DI489: [
    { history: 'Hjertebanken og uregelmæssig puls siden i går aftes, let åndenød ved anstrengelse. Ingen brystsmerter.', findings: 'Puls 128 uregelmæssig, BT 138/84. EKG i praksis: atrieflimren.', reason: 'Atrieflimren med hurtig ventrikelfrekvens. Henvises til frekvensregulering.' },
    { history: 'Gennem et døgn uro i brystet og svimmelhed ved gang. Ingen besvimelse.', findings: 'Uregelmæssig puls omkring 120. EKG i praksis forenelig med atrieflimren.', reason: 'Atrieflimren. Henvises til vurdering og behandling.' },
  ],
  DI509: [
    { history: 'Tiltagende åndenød ved anstrengelse og hævede ankler gennem 2 uger. Sover med flere puder.', findings: 'Vægtøgning på 4 kg siden sidste kontrol. Saturation 93 % uden ilt.', reason: 'Mistanke om forværring af hjerteinsufficiens. Henvises til indlæggelse.' },
    { history: 'Åndenød ved gang på flad vej og natlig åndenød gennem en uge.', findings: 'Dyspnøisk ved samtale. NT-proBNP forhøjet i praksis.', reason: 'Hjerteinsufficiens i forværring. Henvises til vurdering og behandling.' },
  ],
  DJ449: [
    { history: 'Gennem en uge øget åndenød og mere ekspektorat. Bruger sin inhalator oftere end vanligt.', findings: 'Forlænget ekspirium og spredte pibelyde. Saturation 91 % uden ilt.', reason: 'Forværring af KOL. Henvises til indlæggelse.' },
  ],
  DK358: [
    { history: 'Siden i går smerter, der er vandret fra navleregionen til højre fossa. Kvalme og nedsat appetit.', findings: 'Ømhed og slipømhed i højre fossa iliaca.', reason: 'Mistanke om akut appendicitis. Henvises til kirurgisk vurdering.' },
  ],
  DK802: [
    { history: 'Anfald af smerter under højre kurvatur efter måltider gennem en måned, nu et længerevarende anfald siden i nat.', findings: 'Ømhed under højre kurvatur, ingen gulsot.', reason: 'Mistanke om galdesten. Henvises til kirurgisk vurdering.' },
  ],
  DK567: [
    { history: 'Tiltagende oppustethed og opkastninger, ingen afføring eller luftafgang i 2 døgn.', findings: 'Udspilet abdomen med livlige tarmlyde.', reason: 'Mistanke om ileus. Henvises akut til kirurgisk afdeling.' },
  ],
  DS720: [
    { history: 'Faldet i hjemmet i formiddags og kan ikke støtte på venstre ben.', findings: 'Venstre ben forkortet og udadroteret, smerter ved bevægelse af hoften.', reason: 'Mistanke om brud på lårbenshalsen. Henvises akut.' },
  ],
  DK409: [
    { history: 'Kendt lyskebrok gennem et år med tiltagende gener ved løft og længere gang.', findings: 'Reponibel udposning i højre lyske.', reason: 'Lyskebrok. Henvises til operation.' },
  ],
  DF329: [
    { history: 'Gennem 2 måneder tiltagende nedtrykthed, manglende lyst og søvnbesvær. Har trukket sig fra familie og venner.', findings: 'Nedstemt, sparsom mimik. Benægter selvmordstanker ved konsultationen.', reason: 'Depressiv episode uden tilstrækkelig bedring i almen praksis. Henvises til psykiatrisk vurdering.' },
  ],
  DF209: [
    { history: 'Kendt med skizofreni. I perioden svingende fremmøde til ambulant behandling og tiltagende social isolation ifølge pårørende.', findings: 'Sparsom kontakt, orienteret. Ønsker selv indlæggelse.', reason: 'Skizofreni med funktionstab. Henvises til psykiatrisk afdeling.' },
  ],
  DF319: [
    { history: 'Ifølge pårørende gennem 3 uger uro, nedsat søvnbehov og øget aktivitet.', findings: 'Talestrøm let øget, vanskelig at afbryde. Sover 3-4 timer pr. nat.', reason: 'Mistanke om bipolar affektiv sindslidelse. Henvises til psykiatrisk vurdering.' },
  ],
  DF431: [
    { history: 'Efter en voldsom oplevelse for 3 måneder siden genoplevelser, mareridt og undgåelsesadfærd. Sover dårligt.', findings: 'Anspændt, let at forskrække. Benægter selvmordstanker.', reason: 'Posttraumatisk belastningsreaktion. Henvises til psykiatrisk vurdering.' },
  ],
  DD649: [
    { history: 'Kendt med blodmangel. Tiltagende træthed og åndenød ved trappegang de seneste uger.', findings: 'Bleg. Hæmoglobin 5,6 mmol/L ved kontrol i praksis.', reason: 'Anæmi. Henvises til blodtransfusion i dagafsnit.' },
  ],
};

/** "Essentiel hypertension, type 2-diabetes …, KOL": lower case after the first, abbreviations kept. */
const inRunningText = (names: readonly string[]) =>
  names.map((n, i) => (i === 0 || /^\p{Lu}{2,}/u.test(n) ? n : n.charAt(0).toLocaleLowerCase('da') + n.slice(1))).join(', ');

const FALLBACK = { history: 'Tiltagende gener gennem den seneste tid.', findings: 'Almen tilstand let påvirket.', reason: 'Henvises til vurdering og behandling.' };

/** The letter's text: header, referral, history, known diseases, medication, allergies, findings, assessment, signature. */
export function referralText(facts: ReferralFacts, practice: GpPractice, rnd: Random): string {
  const story = rnd.pick(STORIES[facts.diagnosisCode] ?? [FALLBACK]);
  const who = `${facts.age}-årige ${facts.gender === 'female' ? 'kvinde' : 'mand'}`;
  const allergyLine = facts.statesNoAllergies || facts.allergies.length === 0 ? 'Ingen kendte allergier.' : facts.allergies.map((a) => `CAVE: ${a}.`).join('\n');
  return [
    practice.name,
    `Dato: ${facts.dateText}`,
    '',
    `Henvisning til ${facts.unitName}, Demo Sygehus`,
    `Vedr.: ${facts.patientName}, født ${facts.birthDate}`,
    '',
    'Kære kolleger',
    `Henviser hermed ovennævnte ${who}.`,
    '',
    'Anamnese:',
    story.history,
    '',
    'Kendte sygdomme:',
    facts.problems.length ? `${inRunningText(facts.problems)}.` : 'Ingen kroniske sygdomme.',
    '',
    'Medicin:',
    ...(facts.medication.length ? facts.medication : ['Ingen fast medicin.']),
    '',
    allergyLine,
    '',
    'Objektivt:',
    story.findings,
    '',
    'Vurdering:',
    story.reason,
    '',
    'Med venlig hilsen',
    `${practice.doctor}, praktiserende læge`,
    practice.name,
  ].join('\n');
}

export function referralLetter(facts: ReferralFacts, practice: GpPractice, text: string): DocumentReference {
  const bytes = Buffer.from(text, 'utf8');
  const title = `Henvisning fra egen læge (${practice.name})`;
  return {
    resourceType: 'DocumentReference',
    meta: demoMeta(),
    status: 'current',
    docStatus: 'final',
    type: { text: 'Henvisning' },
    category: [categoryConcept(DocumentCategory.brevFraEgenLaege)],
    subject: { reference: facts.patientRef },
    date: facts.date,
    author: [{ reference: practice.ref, display: practice.name }],
    description: title,
    content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: bytes.toString('base64'), size: bytes.length, title, creation: facts.date } }],
    context: { period: { start: facts.date } },
  };
}
