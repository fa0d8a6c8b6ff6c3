/** Danish ConText/NegEx cue lexicon (data): negation, uncertainty, history, family, hypothetical, pseudo-cues and terminators; journal-ai.md §3 "Negation and context". */

/** What a finding can be, besides affirmed, present and the patient's own. */
export const ContextKind = {
  Negated: 'negated',
  Uncertain: 'uncertain',
  Historical: 'historical',
  Family: 'family',
  Hypothetical: 'hypothetical',
} as const;
export type ContextKind = (typeof ContextKind)[keyof typeof ContextKind];

/** Cue kinds: the five context kinds plus pseudo-cues (look like cues, are not) and scope terminators. */
export type CueKind = ContextKind | 'pseudo' | 'terminator';

/** forward: pre-cue ("ingen feber"); backward: post-cue ("pneumoni ikke påvist"); both: either side. */
export type CueDirection = 'forward' | 'backward' | 'both';

/**
 * One cue. `phrase` is matched token by token, case-insensitively, ignoring a token's final period
 * ("u.t.p." = "u.t.p"); `{year}` matches 1900–2099, `{num}` a number or a Danish number word.
 * `attached` (for "?") requires no space before the cue: "pneumoni?" is a post-cue, "? pneumoni" a pre-cue.
 * A terminator with `ends` only ends the scope of those kinds.
 */
export interface CueRule {
  readonly phrase: string;
  readonly kind: CueKind;
  readonly direction?: CueDirection;
  readonly attached?: boolean;
  readonly ends?: readonly ContextKind[];
}

const fwd = (kind: CueKind, ...phrases: string[]): CueRule[] => phrases.map((phrase) => ({ phrase, kind, direction: 'forward' }));
const back = (kind: CueKind, ...phrases: string[]): CueRule[] => phrases.map((phrase) => ({ phrase, kind, direction: 'backward' }));
const both = (kind: CueKind, ...phrases: string[]): CueRule[] => phrases.map((phrase) => ({ phrase, kind, direction: 'both' }));

const NEGATION: readonly CueRule[] = [
  ...fwd('negated', 'ikke', 'ingen', 'intet', 'uden', 'aldrig', 'ej', 'hverken', 'u.t.p.', 'utp', 'uden tegn på', 'ikke tegn på',
    'ingen tegn på', 'intet tegn på', 'uden holdepunkt for', 'ingen holdepunkter for', 'intet der tyder på', 'negativ for', 'negativ mhp.',
    'benægter', 'benægtede', 'afviser', 'fri for', 'ikke længere', 'ikke mistanke om', 'ingen mistanke om', 'uden mistanke om',
    'intet mistanke om', 'frikendt for', 'ikke behov for', 'ikke forekommet'),
  ...back('negated', 'negativ', 'negativt', 'negative', 'ikke til stede', 'ophørt', 'svundet', 'forsvundet', 'aftaget helt', 'kan udelukkes',
    'kunne udelukkes', 'benægtes', 'ikke fundet', 'ikke erkendt'),
  ...both('negated', 'ikke påvist', 'ikke påvises', 'ikke set', 'ikke fundet tegn på', 'afkræftet', 'afkræftes', 'udelukket', 'udelukkes'),
];

const UNCERTAINTY: readonly CueRule[] = [
  ...fwd('uncertain', 'mistanke om', 'mistanke', 'mulig', 'muligt', 'mulige', 'muligvis', 'formodet', 'formodentlig',
    'formentlig', 'sandsynlig', 'sandsynligt', 'sandsynligvis', 'suspekt', 'suspekt for', 'tvivlsom', 'tvivlsomt', 'obs.', 'obs. pro',
    'obs for', 'obs. for', 'differentialdiagnostisk', 'diff. diagnostisk', 'dd', 'kan ikke udelukke', 'kunne ikke udelukke',
    'ikke nødvendigvis', 'ikke sikker', 'ikke sikkert', 'ikke sikre', 'ingen sikre', 'ingen sikker', 'ikke entydig', 'ikke entydige', 'tyder på',
    'forenelig med', 'foreneligt med', 'forenelige med', 'evt.', 'eventuel', 'eventuelt', 'udredes for', 'udredning for', 'rejser mistanke om'),
  ...back('uncertain', 'mistænkes', 'formodes', 'kan ikke afvises'),
  ...both('uncertain', 'mistænkt', 'kan ikke udelukkes', 'kan ikke helt udelukkes', 'kunne ikke udelukkes', 'ikke udelukket', 'ikke udelukkes',
    'ikke afkræftet', 'ikke afkræftes', 'ikke sikkert udelukket'),
  { phrase: '?', kind: 'uncertain', direction: 'backward', attached: true },
  { phrase: '?', kind: 'uncertain', direction: 'forward', attached: false },
];

const HISTORICAL: readonly CueRule[] = [
  ...fwd('historical', 'tidligere', 'tidl.', 'anamnestisk', 'tilbage i {year}', 'status post', 'st.p.', 's.p.',
    'ophørt med', 'ophørte med', 'tidligere haft'),
  ...back('historical', 'for {num} år siden', 'for {num} måneder siden', 'for år tilbage', 'for et par år siden',
    'år tilbage'),
  ...both('historical', 'i {year}', 'i barndommen', 'som barn', 'i ungdommen'),
];

const FAMILY_MEMBERS = ['mor', 'moderen', 'moder', 'far', 'faderen', 'fader', 'søster', 'søsteren', 'bror', 'broderen', 'broren', 'søskende',
  'forældre', 'forældrene', 'mormor', 'morfar', 'farmor', 'farfar', 'bedstemor', 'bedstefar', 'bedsteforældre', 'onkel', 'moster',
  'faster', 'tante', 'fætter', 'kusine', 'datter', 'søn', 'børn', 'halvsøster', 'halvbror', 'tvillingebror', 'tvillingesøster'];

const FAMILY: readonly CueRule[] = [
  ...fwd('family', ...FAMILY_MEMBERS, 'familiær', 'familiært', 'arvelig', 'arveligt', 'familieanamnese', 'familieanamnestisk',
    'disposition til', 'disponeret for'),
  ...back('family', ...FAMILY_MEMBERS.map((m) => `hos ${m}`), 'i nærmeste familie'),
  ...both('family', 'disposition', 'familiær disposition', 'i familien', 'i slægten'),
];

const HYPOTHETICAL: readonly CueRule[] = [
  ...both('hypothetical', 'ved behov', 'efter behov', 'p.n.', 'pn'),
  ...fwd('hypothetical', 'hvis', 'såfremt', 'ved behov for', 'i tilfælde af', 'ved tegn på', 'ved mistanke om',
    'ved forværring', 'ved evt.', 'ved eventuel', 'ved opståen af', 'ved udvikling af', 'skulle der', 'risiko for', 'forebyggelse af',
    'profylakse mod', 'profylaktisk mod', 'for at undgå', 'obs. for udvikling af'),
];

const PSEUDO: readonly CueRule[] = [
  ...['ikke kun', 'ikke blot', 'ikke bare', 'ikke alene', 'ikke udelukkende', 'uden ændring', 'uden ændringer',
    'uden forandring', 'uden forandringer', 'ingen ændring', 'ingen ændringer', 'ingen forandring', 'ingen forandringer', 'ingen bedring',
    'uden bedring', 'uden effekt', 'uden virkning', 'ikke effekt', 'ingen effekt', 'ingen virkning', 'ikke bedre', 'ikke bedring',
    'ikke ændret', 'ikke forandret', 'ikke tegn på bedring', 'ingen tegn på bedring', 'intet nyt'].map((phrase): CueRule => ({ phrase, kind: 'pseudo' })),
];

const TERMINATORS: readonly CueRule[] = [
  ...['men', 'dog', 'derimod', 'bortset fra', 'bort set fra', 'undtagen', 'udover', 'ud over', 'på nær', 'dog med', 'men med', 'til gengæld',
    'i stedet', ';'].map((phrase): CueRule => ({ phrase, kind: 'terminator' })),
  ...['nu', 'aktuelt', 'nuværende', 'i dag', 'denne gang', 'nyopstået', 'nytilkommen', 'nytilkommet', 'siden i går']
    .map((phrase): CueRule => ({ phrase, kind: 'terminator', ends: ['historical'] })),
  ...['patienten', 'pt.', 'pt', 'selv', 'patienten selv'].map((phrase): CueRule => ({ phrase, kind: 'terminator', ends: ['family'] })),
];

/** Danish rule set, version-labelled so results can be reproduced. */
export const DANISH_CONTEXT_RULES = {
  id: 'kerne-context-da',
  version: '1.0.0',
  rules: [...NEGATION, ...UNCERTAINTY, ...HISTORICAL, ...FAMILY, ...HYPOTHETICAL, ...PSEUDO, ...TERMINATORS],
} as const satisfies { id: string; version: string; rules: readonly CueRule[] };

export type ContextRuleSet = { readonly id: string; readonly version: string; readonly rules: readonly CueRule[] };
