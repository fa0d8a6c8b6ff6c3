/**
 * @module The Danish clinical vocabulary of the evaluation records: drugs (ATC), allergies found only
 * in notes, negated, uncertain and family findings, pending results, amendments, filler and
 * distractor sentences. Filler never uses a negation cue (ingen, ikke, uden, u.t.p., afkræftet) nor a
 * word a question asks about, so every answer follows from the planted facts alone.
 */

export interface Drug {
  readonly name: string;
  readonly atc: string;
  readonly dose: string;
  readonly form: 'T.' | 'Inh.';
  readonly anticoagulant: boolean;
  readonly stopReason: string;
}

const drug = (name: string, atc: string, dose: string, stopReason: string, anticoagulant = false, form: Drug['form'] = 'T.'): Drug => ({ name, atc, dose, form, anticoagulant, stopReason });

export const DRUGS: readonly Drug[] = [
  drug('Marevan', 'B01AA03', 'efter INR', 'blødning', true),
  drug('Eliquis', 'B01AF02', '5 mg x 2', 'blødning', true),
  drug('Xarelto', 'B01AF01', '20 mg x 1', 'hæmaturi', true),
  drug('Metformin', 'A10BA02', '500 mg x 2', 'diaré'),
  drug('Furix', 'C03CA01', '40 mg x 1', 'dehydrering'),
  drug('Amlodipin', 'C08CA01', '5 mg x 1', 'ankelødemer'),
  drug('Pantoprazol', 'A02BC02', '40 mg x 1', 'manglende indikation'),
  drug('Simvastatin', 'C10AA01', '40 mg x 1', 'muskelsmerter'),
  drug('Levaxin', 'H03AA01', '100 mikrog x 1', 'forhøjet TSH-kontrol'),
  drug('Ramipril', 'C09AA05', '5 mg x 1', 'tør hoste'),
  drug('Panodil', 'N02BE01', '1 g x 4', 'smertefrihed'),
  drug('Spiriva', 'R03BB04', '18 mikrog x 1', 'mundtørhed', false, 'Inh.'),
];
export const PSYCHIATRIC_DRUG: Drug = drug('Sertralin', 'N06AB06', '50 mg x 1', 'kvalme');

/** Allergies that only a note mentions: the phrase is planted verbatim in a CAVE section. */
export const NOTE_ALLERGIES = [
  { substance: 'penicillin', phrase: 'CAVE penicillin (udslæt)' },
  { substance: 'codein', phrase: 'CAVE codein (kvalme og opkastning)' },
  { substance: 'jodholdigt kontrastmiddel', phrase: 'CAVE jodholdigt kontrastmiddel (urticaria)' },
  { substance: 'latex', phrase: 'CAVE latex (kontakteksem)' },
] as const;

export interface PlantedFinding {
  readonly term: string;
  readonly before: string;
  readonly phrase: string;
  readonly after: string;
  readonly section: 'Anamnese' | 'Objektivt' | 'Paraklinik' | 'Konklusion' | 'Plan';
  /** A yes/no question about the finding in the patient (its answer depends on the polarity). */
  readonly question?: string;
}

/** Negated findings; the question's answer is 'no'. */
export const NEGATED: readonly PlantedFinding[] = [
  { term: 'pneumoni', before: 'Rtg. af thorax: ', phrase: 'u.t.p. pneumoni', after: '.', section: 'Paraklinik', question: 'Er der påvist lungebetændelse (pneumoni)?' },
  { term: 'DVT', before: 'UL af venstre underekstremitet: ', phrase: 'DVT afkræftet', after: '.', section: 'Paraklinik', question: 'Har patienten haft en blodprop i benet (DVT)?' },
  { term: 'feber', before: '', phrase: 'Ingen feber', after: ' eller kulderystelser.', section: 'Anamnese' },
  { term: 'brystsmerter', before: 'Patienten har ', phrase: 'ingen brystsmerter', after: ' i hvile.', section: 'Anamnese' },
  { term: 'AMI', before: 'Troponin normal x 2, ', phrase: 'AMI udelukket', after: '.', section: 'Konklusion', question: 'Har patienten haft en blodprop i hjertet (AMI)?' },
  { term: 'meningitis', before: 'Nakken er smidig, ', phrase: 'intet der tyder på meningitis', after: '.', section: 'Objektivt', question: 'Har patienten haft meningitis?' },
  { term: 'blod i afføringen', before: 'Patienten har ', phrase: 'ikke set blod i afføringen', after: '.', section: 'Anamnese' },
];
export const PSYCHIATRIC_NEGATED: PlantedFinding = { term: 'selvmordstanker', before: 'Afdæmpet affekt, god kontakt. ', phrase: 'Ingen aktuelle selvmordstanker', after: '.', section: 'Objektivt', question: 'Har patienten aktuelle selvmordstanker?' };

/** Uncertain (hypothetical) findings; the question "Er der rejst mistanke om …?" is 'yes'. */
export const UNCERTAIN: readonly PlantedFinding[] = [
  { term: 'lungeemboli', before: 'Takykard og dyspnøisk, ', phrase: 'mistanke om lungeemboli', after: '.', section: 'Konklusion', question: 'Er der rejst mistanke om lungeemboli?' },
  { term: 'appendicitis', before: 'Ømhed i højre fossa iliaca, ', phrase: 'mulig appendicitis', after: ', observeres.', section: 'Konklusion', question: 'Er der rejst mistanke om blindtarmsbetændelse (appendicitis)?' },
  { term: 'sepsis', before: 'Stigende CRP, ', phrase: 'sepsis kan ikke udelukkes', after: '.', section: 'Konklusion', question: 'Er der rejst mistanke om sepsis?' },
  { term: 'hjerteinsufficiens', before: 'Let ankelødem, ', phrase: 'obs. pro hjerteinsufficiens', after: '.', section: 'Konklusion', question: 'Er der rejst mistanke om hjertesvigt (hjerteinsufficiens)?' },
];

export interface FamilyFinding extends PlantedFinding {
  readonly relative: string;
  /** The asked family question ('yes') and the trap about the patient ('not-found'). */
  readonly familyQuestion: string;
  readonly selfQuestion: string;
}

export const FAMILY: readonly FamilyFinding[] = [
  { term: 'brystkræft', relative: 'mor', before: 'Disposition: ', phrase: 'mor med brystkræft', after: '.', section: 'Anamnese', familyQuestion: 'Er der brystkræft i familien?', selfQuestion: 'Har patienten selv haft brystkræft?' },
  { term: 'AMI', relative: 'far', before: 'Disposition: ', phrase: 'far død af AMI som 52-årig', after: '.', section: 'Anamnese', familyQuestion: 'Er der blodprop i hjertet i familien?', selfQuestion: 'Har patienten selv haft en blodprop i hjertet?' },
  { term: 'tarmkræft', relative: 'bror', before: 'Disposition: ', phrase: 'bror med tarmkræft', after: '.', section: 'Anamnese', familyQuestion: 'Er der tarmkræft i familien?', selfQuestion: 'Har patienten selv haft tarmkræft?' },
  { term: 'epilepsi', relative: 'søster', before: 'Disposition: ', phrase: 'søster med epilepsi', after: '.', section: 'Anamnese', familyQuestion: 'Er der epilepsi i familien?', selfQuestion: 'Har patienten selv epilepsi?' },
];

/** Results pending in a note's text. */
export const PENDING_IN_TEXT = [
  { text: 'CT-svar', before: 'CT af thorax udført. ', phrase: 'CT-svar afventes', after: '.', question: 'Afventer vi svar på en CT-scanning?' },
  { text: 'Biopsisvar', before: 'Biopsi taget fra coloninslæsionen. ', phrase: 'Svar på biopsi eftersendes', after: '.', question: 'Afventer vi svar på en biopsi?' },
  { text: 'Bloddyrkning', before: 'Der er taget bloddyrkning x 2, ', phrase: 'afventer svar på bloddyrkning', after: '.', question: 'Afventer vi svar på bloddyrkning?' },
  { text: 'MR-svar', before: 'MR af columna lumbalis er foretaget, ', phrase: 'MR-svar afventes', after: '.', question: 'Afventer vi svar på en MR-scanning af ryggen?' },
] as const;

/** One amended note: the superseded version says `before`, the current one says `after`. */
export const AMENDMENTS = [
  {
    title: 'Skadestuenotat',
    anamnese: 'Faldet på cykel og taget fra med hånden.',
    plan: 'Gipsbehandling og kontrol i ortopædkirurgisk ambulatorium.',
    before: 'Distal radiusfraktur på venstre side',
    after: 'Distal radiusfraktur på højre side',
    yes: 'Har patienten haft brud på højre håndled?',
    no: 'Har patienten haft brud på venstre håndled?',
  },
  {
    title: 'Røntgenbeskrivelse',
    anamnese: 'Tiltagende åndenød, rtg. af thorax udført.',
    plan: 'Pleuradrænage overvejes ved tiltagende åndenød.',
    before: 'Pleuraeffusion på venstre side',
    after: 'Pleuraeffusion på højre side',
    yes: 'Er der beskrevet væske i højre lungehinde?',
    no: 'Er der beskrevet væske i venstre lungehinde?',
  },
] as const;

/** Questions whose answer is in no record (nothing the generator writes mentions them). */
export const NOT_IN_RECORD = [
  'Er patienten ryger?',
  'Har patienten en pacemaker?',
  'Har patienten fået foretaget en MR-scanning af knæet?',
  'Har patienten fået en hofteprotese?',
  'Er patienten vaccineret mod influenza i år?',
  'Har patienten haft en hjernerystelse?',
] as const;

export const FILLER = {
  Anamnese: [
    'Henvist af egen læge.',
    'Bor sammen med ægtefælle i eget hus og er selvhjulpen.',
    'Tiltagende træthed gennem de seneste uger.',
    'Har haft let hoste i en uges tid.',
    'Går til kontrol af blodtryk hos egen læge.',
    'Moderat alkoholforbrug, ca. 7 genstande om ugen.',
    'Arbejder som pædagog på deltid.',
    'Oplever åndenød ved trappegang.',
    'Nedsat appetit og vægttab på 2 kg over en måned.',
    'Har haft svimmelhed ved hurtige stillingsskift.',
  ],
  Objektivt: [
    'Cor: Regelmæssig aktion.',
    'Pulm.: Vesikulær respiration bilateralt.',
    'Abdomen: Blødt og uømt.',
    'Vågen og klar, orienteret i tid og sted.',
    'Huden er varm og tør.',
    'Let bilateral ankelødem.',
  ],
  Konklusion: ['Stationær tilstand.', 'Klinisk i bedring.', 'Forløbet skrider planmæssigt frem.', 'Status quo.'],
  Plan: [
    'Kontrol i ambulatoriet om 3 måneder.',
    'Fortsat vanlig medicin.',
    'Mobilisering med fysioterapeut.',
    'Blodprøver til kontrol om en uge.',
    'Udskrives til eget hjem, når mobiliseringen er på plads.',
    'Samtale med pårørende planlagt.',
  ],
  nursing: [
    'Sovet roligt det meste af natten.',
    'Mobiliseret til stol med støtte af én.',
    'Spist halvdelen af morgenmaden og drikker godt.',
    'Pårørende på besøg om eftermiddagen.',
    'Hjælp til personlig hygiejne i sengen.',
    'Smertescore 3 i hvile og 5 ved mobilisering.',
    'Vandladning spontant.',
  ],
  administrative: [
    'Indkaldelse til kontrol sendt via e-Boks.',
    'Telefonisk henvendelse fra pårørende om besøgstider.',
    'Tid til blodprøvetagning flyttet efter ønske.',
    'Kørsel til næste ambulante besøg bestilt.',
  ],
  /** A patient message quoted verbatim; its emoji makes code points differ from UTF-16 units. */
  patientMessage: ['Patienten skriver via e-konsultation: "Har det meget bedre nu 🙂".', 'Besked fra patienten: "Tak for en god behandling 👍".'],
} as const;

/**
 * Distractors: the words of the planted facts in other contexts (another person, a leaflet, a
 * susceptibility test, the FMK field). None changes an answer. `whenNoAnticoagulant` ones only
 * appear for a patient who never had an anticoagulant (they are hypothetical there).
 */
export const DISTRACTORS = [
  { text: 'Ægtefællen er selv i behandling med Marevan og spørger til bivirkninger.', whenNoAnticoagulant: false },
  { text: 'Udleveret pjece om feber hos ældre til pårørende.', whenNoAnticoagulant: false },
  { text: 'CAVE-feltet i FMK er gennemgået sammen med patienten.', whenNoAnticoagulant: false },
  { text: 'Spørger til brystkræftscreening for sin datter.', whenNoAnticoagulant: false },
  { text: 'Patienten har læst om lungeemboli på nettet og ønsker information.', whenNoAnticoagulant: false },
  { text: 'Dyrkningssvar fra urin: E. coli, følsom for mecillinam og penicillin.', whenNoAnticoagulant: false },
  { text: 'Hvis AK-behandling bliver aktuel, skal INR følges i AK-klinikken.', whenNoAnticoagulant: true },
  { text: 'Pårørende spørger, om CT-scanning kan blive relevant senere.', whenNoAnticoagulant: false },
] as const;
