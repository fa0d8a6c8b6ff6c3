/**
 * @module HELD-OUT evaluation notes (issue 6, journal-ai.md §8): 13 hand-written Danish notes for 3
 * fictitious patients, written as a clinician would and independently of the synthetic generator
 * (its phrase files were not read while writing these). Varied note types (henvisning fra egen
 * læge, indlæggelsesnotat, journalnotat, sygeplejenotat, epikrise), abbreviations (pt., obs., St.p.,
 * p.n., AK-behandling, seponeret, pauseret), negations with many cues, uncertainty, family history,
 * history, stopped drugs and pending results. Never tune the answerer on single sentences here.
 * Names, dates and values are invented.
 */

export interface HeldOutNote {
  readonly id: string;
  readonly patient: string;
  readonly date: string;
  readonly title: string;
  readonly text: string;
}

export interface HeldOutPatient {
  readonly key: string;
  readonly given: string;
  readonly family: string;
  readonly gender: 'male' | 'female';
  readonly birthDate: string;
}

export const HELD_OUT_PATIENTS = [
  { key: 'A', given: 'Bent', family: 'Holm Mikkelsen', gender: 'male', birthDate: '1946-02-11' },
  { key: 'B', given: 'Kirsten', family: 'Lund', gender: 'female', birthDate: '1953-09-30' },
  { key: 'C', given: 'Jens', family: 'Poulsen', gender: 'male', birthDate: '1967-04-18' },
] as const satisfies readonly HeldOutPatient[];

export const HELD_OUT_NOTES = [
  // ---- Patient A: KOL-exacerbation med pneumoni, hjerteinsufficiens, type 2-diabetes ----------
  {
    id: 'a1', patient: 'A', date: '2025-01-14T10:30:00+01:00', title: 'Indlæggelsesnotat, Lungemedicinsk afsnit',
    text: `Indlæggelsesnotat, Lungemedicinsk afsnit
Kontaktårsag: Tiltagende åndenød gennem 4 dage.

Anamnese:
79-årig mand med svær KOL (FEV1 38 %), hjerteinsufficiens (EF 35 %) og type 2-diabetes, tidl. ryger (50 pakkeår, røgfri siden 2019).
Pt. beretter om øget mængde gult ekspektorat og feber til 38,6 hjemme.
Benægter brystsmerter og hæmoptyse.
Ingen hævede ben ud over det vanlige.
Kendt med atrieflimren, AK-behandling med Eliquis.
St.p. AMI 2017 med PCI til LAD.

CAVE: Ingen kendte lægemiddelallergier.

Medicin:
Tbl. Eliquis 5 mg x 2
Tbl. Furix 40 mg x 1
Tbl. Metformin 500 mg x 2
Spiolto Respimat 2 pust x 1
Tbl. Pantoprazol 40 mg x 1

Objektivt:
Takypnøisk, RF 26, SAT 86 % uden ilt, BT 142/78, puls 104 uregelmæssig, temp. 38,2.
St.p.: Forlænget ekspirium, spredte sibilerende ronchi, knitren basalt på højre side.
Ingen ødemer.

Paraklinik:
CRP 142, leuko 14,3. A-gas: pH 7,33, pCO2 7,1.
Rtg. thorax: Infiltrat i højre underlap forenelig med pneumoni. Ingen pleuraeffusion.

Vurdering:
KOL i exacerbation udløst af pneumoni i højre underlap.
Lungeemboli vurderes mindre sandsynlig, men kan ikke udelukkes.

Plan:
Inj. Zinacef 1,5 g x 3 i.v.
Tbl. Prednisolon 37,5 mg x 1 i 5 dage.
Inhalation Atrovent og Ventoline p.n.
Ilt efter SAT-mål 88-92 %.
Eliquis fortsættes.
Bloddyrkning og ekspektorat til D+R.`,
  },
  {
    id: 'a2', patient: 'A', date: '2025-01-15T11:15:00+01:00', title: 'Journalnotat, stuegang',
    text: `Journalnotat, stuegang
Pt. har det lidt bedre, fortsat iltkrævende 2 l/min.
CT-angiografi af thorax: Lungeemboli afkræftet. Fund forenelige med pneumoni i højre underlap.
Bloddyrkninger: Ikke påvist vækst efter 1 døgn, endeligt svar eftersendes.
Pga. blodsukre op til 19 under prednisolonbehandlingen opstartes insulin: Inj. NovoRapid efter skema.
Furix øges til 40 mg x 2 pga. let vægtøgning.`,
  },
  {
    id: 'a3', patient: 'A', date: '2025-01-16T21:40:00+01:00', title: 'Sygeplejenotat, aftenvagt',
    text: `Sygeplejenotat, aftenvagt
Pt. mobiliseret til stol x 2, kan gå til toilet med rollator.
Har fået Morfin 2,5 mg s.c. p.n. mod åndenød kl. 20 med god effekt.
Spiser halvdelen af portionerne. Obs. for obstipation.
Ingen tegn på delir.
Pårørende (datter) orienteret om planen.`,
  },
  {
    id: 'a4', patient: 'A', date: '2025-01-21T13:00:00+01:00', title: 'Epikrise, Lungemedicinsk afsnit',
    text: `Epikrise
Diagnoser:
KOL med akut exacerbation (DJ441)
Pneumoni i højre underlap (DJ189)

Forløb: Indlagt 14/1 med KOL-exacerbation og pneumoni, behandlet med i.v. Zinacef, skiftet til tbl. Bioclavid, i alt 7 dages antibiotika.
Prednisolon afsluttet efter 5 dage.
Insulin seponeret ved udskrivelsen, da blodsukrene normaliseredes efter ophør med prednisolon.
Morfin seponeret.
Bloddyrkninger negative.
Afventer svar på ekkokardiografi, som eftersendes til egen læge.
Medicin ved udskrivelse: Eliquis 5 mg x 2, Furix 40 mg x 2, Metformin 500 mg x 2, Pantoprazol 40 mg x 1, Spiolto 2 pust x 1.
Opfølgning: Kontrol i lungemedicinsk ambulatorium om 6 uger.`,
  },
  // ---- Patient B: iskæmisk apopleksi, nyopdaget atrieflimren, st.p. mammacancer ----------------
  {
    id: 'b1', patient: 'B', date: '2025-03-02T08:10:00+01:00', title: 'Henvisning fra egen læge',
    text: `Henvisning fra egen læge
Kære kolleger
Henviser hermed 71-årig kvinde til akut vurdering på mistanke om apopleksi.
Pt. vågnede i morges med snøvlende tale og nedsat kraft i højre arm.
Tidligere sundhedsmæssigt velfungerende. St.p. mammacancer i venstre bryst for 5 år siden, opereret og strålebehandlet, tamoxifen seponeret 2023.
Hypertension, velbehandlet.
Ikke diabetiker.
Aktuel medicin: Tbl. Amlodipin 5 mg x 1, Tbl. Hjertemagnyl 75 mg x 1.
Ingen kendt hjertesygdom.
Familiær disposition: Mor død af apopleksi som 68-årig, far med type 2-diabetes.
CAVE penicillin (udslæt).
Med venlig hilsen
Lene Kjær, praktiserende læge`,
  },
  {
    id: 'b2', patient: 'B', date: '2025-03-02T10:45:00+01:00', title: 'Indlæggelsesnotat, Neurologisk afdeling',
    text: `Indlæggelsesnotat, Neurologisk afdeling
Anamnese:
Henvist af egen læge, symptomdebut ved opvågnen kl. ca. 06, sidst set rask kl. 23 aftenen før.
Pt. benægter hovedpine og har ikke haft kramper.
Ingen tidligere TCI.

Objektivt:
Dysartri, parese af højre arm grad 3, let facialisparese hø. side. NIHSS 6.
Hjertet: uregelmæssig rytme, ingen mislyd.

Paraklinik:
CT cerebrum: Ingen intrakraniel blødning. Ingen sikre tegn på infarkt.
CT-angiografi: Ingen storkarsokklusion.
EKG: Atrieflimren, frekvens 96.

Vurdering:
Obs. pro iskæmisk apopleksi i venstre hemisfære. Ikke kandidat til trombolyse pga. ukendt debuttidspunkt.
Nyopdaget atrieflimren.

Plan:
MR cerebrum i morgen.
Hjertemagnyl pauseres.
Opstart af AK-behandling afventer MR.`,
  },
  {
    id: 'b3', patient: 'B', date: '2025-03-04T12:20:00+01:00', title: 'Journalnotat',
    text: `Journalnotat
MR cerebrum: Akut infarkt i venstre capsula interna, forenelig med iskæmisk apopleksi. Ingen blødning.
Efter konference opstartes Tbl. Eliquis 5 mg x 2 fra i dag.
Hjertemagnyl seponeret.
Pt. har fået Panodil p.n. Ingen morfika.
Urinstix negativ for nitrit og leukocytter.
Ekkokardiografi: Normal EF, ingen tromber.`,
  },
  {
    id: 'b4', patient: 'B', date: '2025-03-05T14:00:00+01:00', title: 'Sygeplejenotat, dagvagt',
    text: `Sygeplejenotat, dagvagt
Pt. vågen og orienteret, talen fortsat let snøvlende.
Synketest udført u.a., må få almindelig kost.
Mobiliseret med støtte af 1 person.
Ingen tryksår, huden hel.
Afventer svar på lipidprofil.
Datteren ringet op og orienteret.`,
  },
  {
    id: 'b5', patient: 'B', date: '2025-03-10T12:00:00+01:00', title: 'Epikrise, Neurologisk afdeling',
    text: `Epikrise, Neurologisk afdeling
Diagnoser:
Iskæmisk apopleksi i venstre hemisfære (DI634)
Atrieflimren, nyopdaget (DI489)

Forløb: 71-årig kvinde indlagt med dysartri og højresidig parese. MR bekræftede infarkt. Ikke trombolyseret.
Opstartet AK-behandling med Eliquis, Hjertemagnyl seponeret.
Genoptræning under indlæggelsen, nu selvhjulpen med rollator.
HbA1c 39, diabetes ikke påvist.
Medicin ved udskrivelse: Eliquis 5 mg x 2, Amlodipin 5 mg x 1, Atorvastatin 40 mg x 1.
Kørselsforbud i 6 måneder er meddelt mundtligt og skriftligt.`,
  },
  // ---- Patient C: type 1-diabetes med nyresvigt, erysipelas fra fodsår, uafklaret penicillinallergi
  {
    id: 'c1', patient: 'C', date: '2025-05-20T16:30:00+02:00', title: 'Indlæggelsesnotat, Endokrinologisk afdeling',
    text: `Indlæggelsesnotat, Endokrinologisk afdeling
Kontaktårsag: Rødme og hævelse af venstre underben, feber.

Anamnese:
58-årig mand med type 1-diabetes siden barndommen, diabetisk nefropati med kronisk nyresvigt (eGFR 28) og perifer neuropati.
Sår under venstre storetå i 3 uger, tiltagende rødme de seneste 2 døgn.
Ingen brystsmerter, ingen åndenød.
Ikke tidligere behandlet for hjertesygdom.
Bror med KOL, mor med nyresvigt i dialyse.

CAVE: Penicillin? (oplyst udslæt i barndommen, uafklaret)

Medicin:
Inj. Lantus 24 IE x 1 (aften)
Inj. NovoRapid efter kulhydrattælling
Tbl. Furosemid 40 mg x 1
Tbl. Omeprazol 20 mg x 1
Tbl. Tramadol 50 mg x 3 mod neuropatiske smerter

Objektivt:
Temp. 38,9, BT 128/74, puls 98.
Venstre underben: rødme og varme fra forfod til midt på crus, skarpt afgrænset.
Sår under storetåen 1,5 cm, ingen synlig knogle.

Paraklinik:
CRP 188, leuko 16,8, kreatinin 245.
Rtg. venstre fod: Ingen tegn på osteomyelitis.

Vurdering:
Erysipelas udgående fra diabetisk fodsår. Osteomyelitis kan ikke udelukkes.

Plan:
Pga. uafklaret penicillinallergi gives Inj. Clindamycin 600 mg x 3 i.v.
Bloddyrkning x 2.
MR af venstre fod.
Tramadol pauseres pga. nyrefunktionen, i stedet Oxynorm 5 mg p.n.`,
  },
  {
    id: 'c2', patient: 'C', date: '2025-05-22T13:10:00+02:00', title: 'Journalnotat',
    text: `Journalnotat
MR venstre fod: Ingen osteomyelitis. Bløddelsinfektion forenelig med erysipelas.
Penicillinallergi afkræftet ved provokationstest i allergiklinikken.
Antibiotika skiftes til Inj. Benzylpenicillin 2 MIE x 4 i.v.
Bloddyrkninger: negative.
Blodsukre svingende 4-17, Lantus justeres til 22 IE.`,
  },
  {
    id: 'c3', patient: 'C', date: '2025-05-23T04:15:00+02:00', title: 'Sygeplejenotat, nattevagt',
    text: `Sygeplejenotat, nattevagt
Pt. vågnede kl. 03 med smerter i venstre ben, VAS 6, fik Oxynorm 5 mg p.n. med effekt.
BS kl. 03: 3,2 mmol/l, pt. symptomatisk, fik juice og BS steg til 6,8.
Ingen kvalme eller opkastning.
Sårpleje udført, let sekretion, ingen lugt.`,
  },
  {
    id: 'c4', patient: 'C', date: '2025-05-27T11:30:00+02:00', title: 'Epikrise, Endokrinologisk afdeling',
    text: `Epikrise, Endokrinologisk afdeling
Diagnoser:
Erysipelas på venstre underben (DA469)
Type 1-diabetes med nyrekomplikationer (DE102)

Forløb: Behandlet med i.v. clindamycin og efter afkræftet penicillinallergi med i.v. benzylpenicillin, skiftet til Tbl. Primcillin 1 MIE x 3 i yderligere 7 dage.
Osteomyelitis afkræftet ved MR.
Oxynorm seponeret, smerterne nu velbehandlet med Panodil.
Tramadol genoptages ikke pga. nyrefunktionen.
Kronisk nyresvigt, ikke dialysekrævende; kontrol i nefrologisk ambulatorium.
Svar på sårpodning eftersendes.
Medicin ved udskrivelse: Lantus 22 IE x 1, NovoRapid efter skema, Furosemid 40 mg x 1, Omeprazol 20 mg x 1, Primcillin 1 MIE x 3, Panodil 1 g x 4.`,
  },
] as const satisfies readonly HeldOutNote[];
