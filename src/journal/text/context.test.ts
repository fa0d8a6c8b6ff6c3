/** Tests for context.ts: Danish ConText/NegEx rules on realistic clinical sentences (journal-ai.md §3). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DANISH_CONTEXT_RULES } from './context-rules.ts';
import { analyseFinding, assessContext, findCues, findingsIn, isAssertedForPatient, polarityOf, type Finding } from './context.ts';
import { segmentNote } from './segment.ts';

type Flag = 'negated' | 'uncertain' | 'historical' | 'family' | 'hypothetical';
interface Case {
  readonly sentence: string;
  readonly term: string;
  readonly polarity: Finding['polarity'];
  readonly flags?: readonly Flag[];
  readonly cue?: string;
}

const FLAGS: readonly Flag[] = ['negated', 'uncertain', 'historical', 'family', 'hypothetical'];

const CASES: readonly Case[] = [
  // negation, pre-cues
  { sentence: 'Patienten har ikke feber.', term: 'feber', polarity: 'negated', flags: ['negated'], cue: 'ikke' },
  { sentence: 'Ingen tegn på DVT.', term: 'DVT', polarity: 'negated', flags: ['negated'], cue: 'ingen tegn på' },
  { sentence: 'u.t.p. pneumoni', term: 'pneumoni', polarity: 'negated', flags: ['negated'], cue: 'u.t.p.' },
  { sentence: 'UTP pneumoni.', term: 'pneumoni', polarity: 'negated', flags: ['negated'], cue: 'utp' },
  { sentence: 'Uden tegn på infektion.', term: 'infektion', polarity: 'negated', flags: ['negated'], cue: 'uden tegn på' },
  { sentence: 'Ikke tegn på pneumothorax.', term: 'pneumothorax', polarity: 'negated', flags: ['negated'], cue: 'ikke tegn på' },
  { sentence: 'Intet blod i urinen.', term: 'blod', polarity: 'negated', flags: ['negated'], cue: 'intet' },
  { sentence: 'Har aldrig røget.', term: 'røget', polarity: 'negated', flags: ['negated'], cue: 'aldrig' },
  { sentence: 'Benægter brystsmerter.', term: 'brystsmerter', polarity: 'negated', flags: ['negated'], cue: 'benægter' },
  { sentence: 'Pt. benægter dyspnø.', term: 'dyspnø', polarity: 'negated', flags: ['negated'], cue: 'benægter' },
  { sentence: 'Negativ for malignitet.', term: 'malignitet', polarity: 'negated', flags: ['negated'], cue: 'negativ for' },
  { sentence: 'Har ikke længere smerter.', term: 'smerter', polarity: 'negated', flags: ['negated'], cue: 'ikke længere' },
  { sentence: 'Fri for smerter i hvile.', term: 'smerter', polarity: 'negated', flags: ['negated'], cue: 'fri for' },
  { sentence: 'Ingen feber, kulderystelser eller nattesved.', term: 'nattesved', polarity: 'negated', flags: ['negated'], cue: 'ingen' },
  { sentence: 'Ingen kendte allergier.', term: 'allergi', polarity: 'negated', flags: ['negated'], cue: 'ingen' },
  { sentence: 'Afkræftet AMI.', term: 'AMI', polarity: 'negated', flags: ['negated'], cue: 'afkræftet' },
  { sentence: 'Der er ikke påvist fraktur.', term: 'fraktur', polarity: 'negated', flags: ['negated'], cue: 'ikke påvist' },
  { sentence: 'Ikke mistanke om lungeemboli.', term: 'lungeemboli', polarity: 'negated', flags: ['negated'], cue: 'ikke mistanke om' },
  { sentence: 'Ingen mistanke om meningitis.', term: 'meningitis', polarity: 'negated', flags: ['negated'], cue: 'ingen mistanke om' },
  // negation, post-cues
  { sentence: 'Pneumoni ikke påvist.', term: 'pneumoni', polarity: 'negated', flags: ['negated'], cue: 'ikke påvist' },
  { sentence: 'AMI afkræftet ved troponinmåling.', term: 'AMI', polarity: 'negated', flags: ['negated'], cue: 'afkræftet' },
  { sentence: 'DVT udelukket.', term: 'DVT', polarity: 'negated', flags: ['negated'], cue: 'udelukket' },
  { sentence: 'Fraktur kan udelukkes.', term: 'fraktur', polarity: 'negated', flags: ['negated'], cue: 'kan udelukkes' },
  { sentence: 'D-dimer negativ.', term: 'D-dimer', polarity: 'negated', flags: ['negated'], cue: 'negativ' },
  { sentence: 'Hovedpinen er ophørt.', term: 'hovedpine', polarity: 'negated', flags: ['negated'], cue: 'ophørt' },
  { sentence: 'Ødem ikke til stede.', term: 'ødem', polarity: 'negated', flags: ['negated'], cue: 'ikke til stede' },
  // uncertainty
  { sentence: 'Mistanke om lungeemboli.', term: 'lungeemboli', polarity: 'uncertain', flags: ['uncertain'], cue: 'mistanke om' },
  { sentence: 'Lungeemboli kan ikke udelukkes.', term: 'lungeemboli', polarity: 'uncertain', flags: ['uncertain'], cue: 'kan ikke udelukkes' },
  { sentence: 'Det kan ikke udelukkes, at der er tale om lungeemboli.', term: 'lungeemboli', polarity: 'uncertain', flags: ['uncertain'], cue: 'kan ikke udelukkes' },
  { sentence: 'Kan ikke udelukke pneumoni.', term: 'pneumoni', polarity: 'uncertain', flags: ['uncertain'], cue: 'kan ikke udelukke' },
  { sentence: 'AMI ikke afkræftet.', term: 'AMI', polarity: 'uncertain', flags: ['uncertain'], cue: 'ikke afkræftet' },
  { sentence: 'Mulig pneumoni i højre underlap.', term: 'pneumoni', polarity: 'uncertain', flags: ['uncertain'], cue: 'mulig' },
  { sentence: 'Muligt recidiv.', term: 'recidiv', polarity: 'uncertain', flags: ['uncertain'], cue: 'muligt' },
  { sentence: 'Formodet viral gastroenteritis.', term: 'gastroenteritis', polarity: 'uncertain', flags: ['uncertain'], cue: 'formodet' },
  { sentence: 'Suspekt for malignitet.', term: 'malignitet', polarity: 'uncertain', flags: ['uncertain'], cue: 'suspekt for' },
  { sentence: 'Pneumoni?', term: 'pneumoni', polarity: 'uncertain', flags: ['uncertain'], cue: '?' },
  { sentence: '? pneumoni', term: 'pneumoni', polarity: 'uncertain', flags: ['uncertain'], cue: '?' },
  { sentence: 'Obs. pro meningitis.', term: 'meningitis', polarity: 'uncertain', flags: ['uncertain'], cue: 'obs. pro' },
  { sentence: 'Obs for sepsis.', term: 'sepsis', polarity: 'uncertain', flags: ['uncertain'], cue: 'obs for' },
  { sentence: 'Differentialdiagnostisk lungeemboli.', term: 'lungeemboli', polarity: 'uncertain', flags: ['uncertain'], cue: 'differentialdiagnostisk' },
  { sentence: 'DD lungeemboli.', term: 'lungeemboli', polarity: 'uncertain', flags: ['uncertain'], cue: 'dd' },
  { sentence: 'Lungeemboli mistænkes.', term: 'lungeemboli', polarity: 'uncertain', flags: ['uncertain'], cue: 'mistænkes' },
  { sentence: 'Ingen sikre tegn på pneumoni.', term: 'pneumoni', polarity: 'uncertain', flags: ['uncertain'], cue: 'ingen sikre' },
  { sentence: 'Billedet er foreneligt med pneumoni.', term: 'pneumoni', polarity: 'uncertain', flags: ['uncertain'], cue: 'foreneligt med' },
  { sentence: 'Sandsynligvis viral infektion.', term: 'infektion', polarity: 'uncertain', flags: ['uncertain'], cue: 'sandsynligvis' },
  { sentence: 'Ikke nødvendigvis pneumoni.', term: 'pneumoni', polarity: 'uncertain', flags: ['uncertain'], cue: 'ikke nødvendigvis' },
  // historical
  { sentence: 'Tidligere apopleksi.', term: 'apopleksi', polarity: 'affirmed', flags: ['historical'], cue: 'tidligere' },
  { sentence: 'Tidl. AMI.', term: 'AMI', polarity: 'affirmed', flags: ['historical'], cue: 'tidl.' },
  { sentence: 'Anamnestisk astma.', term: 'astma', polarity: 'affirmed', flags: ['historical'], cue: 'anamnestisk' },
  { sentence: 'Apopleksi i 2019.', term: 'apopleksi', polarity: 'affirmed', flags: ['historical'], cue: 'i {year}' },
  { sentence: 'Appendektomi for 10 år siden.', term: 'appendektomi', polarity: 'affirmed', flags: ['historical'], cue: 'for {num} år siden' },
  { sentence: 'Knæoperation for mange år siden.', term: 'knæoperation', polarity: 'affirmed', flags: ['historical'], cue: 'for {num} år siden' },
  { sentence: 'Ophørt med rygning for år tilbage.', term: 'rygning', polarity: 'affirmed', flags: ['historical'], cue: 'ophørt med' },
  { sentence: 'St.p. AMI.', term: 'AMI', polarity: 'affirmed', flags: ['historical'], cue: 'st.p.' },
  { sentence: 'Tidligere rask, nu indlagt med pneumoni.', term: 'pneumoni', polarity: 'affirmed', flags: [] },
  { sentence: 'Tidligere DVT, ikke i behandling.', term: 'DVT', polarity: 'affirmed', flags: ['historical'], cue: 'tidligere' },
  // family
  { sentence: 'Mor med brystkræft.', term: 'brystkræft', polarity: 'affirmed', flags: ['family'], cue: 'mor' },
  { sentence: 'Far havde AMI som 50-årig.', term: 'AMI', polarity: 'affirmed', flags: ['family'], cue: 'far' },
  { sentence: 'Søster har epilepsi.', term: 'epilepsi', polarity: 'affirmed', flags: ['family'], cue: 'søster' },
  { sentence: 'Bror med type 1 diabetes.', term: 'diabetes', polarity: 'affirmed', flags: ['family'], cue: 'bror' },
  { sentence: 'Diabetes i familien.', term: 'diabetes', polarity: 'affirmed', flags: ['family'], cue: 'i familien' },
  { sentence: 'Brystkræft hos mor.', term: 'brystkræft', polarity: 'affirmed', flags: ['family'], cue: 'hos mor' },
  { sentence: 'Disposition til hjertesygdom.', term: 'hjertesygdom', polarity: 'affirmed', flags: ['family'], cue: 'disposition til' },
  { sentence: 'Mor med diabetes, patienten selv med hypertension.', term: 'hypertension', polarity: 'affirmed', flags: [] },
  { sentence: 'Ingen hjertesygdom i familien.', term: 'hjertesygdom', polarity: 'negated', flags: ['negated', 'family'] },
  // hypothetical
  { sentence: 'Ved behov paracetamol.', term: 'paracetamol', polarity: 'affirmed', flags: ['hypothetical'], cue: 'ved behov' },
  { sentence: 'Morfin 5 mg p.n.', term: 'morfin', polarity: 'affirmed', flags: ['hypothetical'], cue: 'p.n.' },
  { sentence: 'Hvis feber, kontakt afdelingen.', term: 'feber', polarity: 'affirmed', flags: ['hypothetical'], cue: 'hvis' },
  { sentence: 'I tilfælde af feber gives paracetamol.', term: 'feber', polarity: 'affirmed', flags: ['hypothetical'], cue: 'i tilfælde af' },
  { sentence: 'Ved tegn på infektion kontaktes vagthavende læge.', term: 'infektion', polarity: 'affirmed', flags: ['hypothetical'], cue: 'ved tegn på' },
  { sentence: 'Såfremt smerter, gives morfin.', term: 'smerter', polarity: 'affirmed', flags: ['hypothetical'], cue: 'såfremt' },
  { sentence: 'Risiko for delir.', term: 'delir', polarity: 'affirmed', flags: ['hypothetical'], cue: 'risiko for' },
  // pseudo-negations and terminators
  { sentence: 'Ikke kun hoste men også feber.', term: 'feber', polarity: 'affirmed', flags: [] },
  { sentence: 'Ikke kun hoste men også feber.', term: 'hoste', polarity: 'affirmed', flags: [] },
  { sentence: 'Ikke blot dyspnø, også brystsmerter.', term: 'dyspnø', polarity: 'affirmed', flags: [] },
  { sentence: 'Uden ændring i smerterne.', term: 'smerter', polarity: 'affirmed', flags: [] },
  { sentence: 'Ingen ændring i dyspnø.', term: 'dyspnø', polarity: 'affirmed', flags: [] },
  { sentence: 'Ingen bedring af smerter.', term: 'smerter', polarity: 'affirmed', flags: [] },
  { sentence: 'Antibiotika uden effekt på feberen.', term: 'feber', polarity: 'affirmed', flags: [] },
  { sentence: 'Ingen feber, men hoste.', term: 'hoste', polarity: 'affirmed', flags: [] },
  { sentence: 'Ingen feber, men hoste.', term: 'feber', polarity: 'negated', flags: ['negated'], cue: 'ingen' },
  { sentence: 'Ingen feber; hoste siden i går.', term: 'hoste', polarity: 'affirmed', flags: [] },
  { sentence: 'Ingen feber, dog let hoste.', term: 'hoste', polarity: 'affirmed', flags: [] },
  { sentence: 'Ingen klager bortset fra hoste.', term: 'hoste', polarity: 'affirmed', flags: [] },
  { sentence: 'Ingen dyspnø, derimod udtalt træthed.', term: 'træthed', polarity: 'affirmed', flags: [] },
  { sentence: 'Hoste, men pneumoni ikke påvist.', term: 'hoste', polarity: 'affirmed', flags: [] },
  { sentence: 'Hoste, men pneumoni ikke påvist.', term: 'pneumoni', polarity: 'negated', flags: ['negated'], cue: 'ikke påvist' },
  // plain affirmed
  { sentence: 'Patienten har feber.', term: 'feber', polarity: 'affirmed', flags: [] },
  { sentence: 'Indlagt med pneumoni i venstre underlap.', term: 'pneumoni', polarity: 'affirmed', flags: [] },
  { sentence: 'Kendt med atrieflimren.', term: 'atrieflimren', polarity: 'affirmed', flags: [] },
];

describe('context rules on Danish clinical sentences', () => {
  test('the table has at least 60 cases', () => assert.ok(CASES.length >= 60, `only ${CASES.length} cases`));
  for (const c of CASES) {
    test(`${c.sentence} → ${c.term}: ${c.polarity}${c.flags?.length ? ` (${c.flags.join(', ')})` : ''}`, () => {
      const f = analyseFinding(c.sentence, c.term);
      assert.ok(f, `"${c.term}" should be found in "${c.sentence}"`);
      assert.equal(f.polarity, c.polarity, `polarity of "${c.term}" in "${c.sentence}"; cues: ${JSON.stringify(f.cues.map((q) => q.phrase))}`);
      if (c.flags) for (const flag of FLAGS) assert.equal(f[flag], c.flags.includes(flag), `${flag} of "${c.term}" in "${c.sentence}"; cues: ${JSON.stringify(f.cues.map((q) => q.phrase))}`);
      if (c.cue) assert.ok(f.cues.some((q) => q.phrase === c.cue), `cue "${c.cue}" expected for "${c.term}" in "${c.sentence}", got ${JSON.stringify(f.cues.map((q) => q.phrase))}`);
    });
  }
});

describe('cue spans and offsets', () => {
  test('a post-cue reports its kind, direction, text and code-point span', () => {
    const f = analyseFinding('Pneumoni ikke påvist.', 'pneumoni');
    const cue = f?.cues[0];
    assert.deepEqual(cue, { kind: 'negated', direction: 'both', phrase: 'ikke påvist', text: 'ikke påvist', start: 9, end: 20 }, 'cue with its span');
    assert.deepEqual([f?.start, f?.end, f?.text], [0, 8, 'Pneumoni'], 'finding span and text as written');
  });

  test('offsets are code points when astral characters come first', () => {
    const sentence = '🩺🙂 Ingen tegn på DVT.';
    const f = analyseFinding(sentence, 'DVT');
    assert.equal(f?.start, 17, 'DVT starts at code point 17 (UTF-16 index 19)');
    assert.equal(sentence.indexOf('DVT'), 19, 'precondition: UTF-16 index differs');
    assert.deepEqual(f?.cues.map((q) => [q.start, q.end, q.text]), [[3, 16, 'Ingen tegn på']], 'cue span in code points');
  });

  test('a Passage gives offsets in its document', () => {
    const note = 'Anamnese: 😷 Hoste i 3 dage.\nKonklusion: Pneumoni ikke påvist.';
    const passage = segmentNote(note).find((p) => p.section === 'Konklusion');
    assert.ok(passage, 'Konklusion passage');
    const f = analyseFinding(passage, 'pneumoni');
    assert.equal(f?.polarity, 'negated', 'negated in the passage');
    assert.equal([...note].slice(f?.start, f?.end).join(''), 'Pneumoni', 'finding offsets index the document by code point');
    const cue = f?.cues[0];
    assert.equal([...note].slice(cue?.start, cue?.end).join(''), 'ikke påvist', 'cue offsets index the document by code point');
  });

  test('assessContext analyses an explicit span', () => {
    const a = assessContext('Ingen feber, men hoste.', { start: 17, end: 22 });
    assert.equal(a.polarity, 'affirmed', '"hoste" after "men" is affirmed');
    assert.throws(() => assessContext('Ingen feber.', { start: 5, end: 50 }), RangeError, 'a span outside the sentence is rejected');
  });

  test('findCues lists pseudo-cues and terminators too', () => {
    const cues = findCues('Ikke kun hoste men også feber.');
    assert.deepEqual(cues.map((q) => [q.kind, q.text]), [['pseudo', 'Ikke kun'], ['terminator', 'men']], 'pseudo-negation and terminator');
  });

  test('a cue inside the term does not apply to it; absent terms give undefined', () => {
    assert.equal(analyseFinding('Patienten har feber.', 'pneumoni'), undefined, 'absent term');
    assert.equal(analyseFinding('Ikke-invasiv ventilation.', 'ventilation')?.polarity, 'affirmed', 'a hyphenated "ikke-" adjective is not a negation cue');
    assert.equal(analyseFinding('KOL-exacerbation.', 'KOL')?.text, 'KOL', 'a hyphen is a word boundary for terms');
    assert.equal(analyseFinding('Kendt penicillinallergi.', 'allergi'), undefined, 'compounds are not split (known limit)');
  });
});

describe('findingsIn', () => {
  test('every lexicon term in a sentence, each with its own context', () => {
    const found = findingsIn('Ingen feber, men hoste og mistanke om pneumoni.', [
      { concept: 'fever', terms: ['feber', 'febril'] },
      { concept: 'cough', terms: ['hoste'] },
      'pneumoni',
    ]);
    assert.deepEqual(found.map((f) => [f.concept, f.text, f.polarity]), [['fever', 'feber', 'negated'], ['cough', 'hoste', 'affirmed'], [undefined, 'pneumoni', 'uncertain']], 'three findings');
  });

  test('the longest overlapping term wins and inflected forms match', () => {
    const found = findingsIn('Lungeemboli i højre lunge, emboliens udbredning.', ['lungeemboli', 'emboli', 'lunge']);
    assert.deepEqual(found.map((f) => f.text), ['Lungeemboli', 'lunge', 'emboliens'], 'whole words, inflections, no overlaps');
  });

  test('case-insensitive, multi-word terms allow any whitespace', () => {
    const found = findingsIn('Mistanke om DYB   VENETROMBOSE.', ['dyb venetrombose']);
    assert.equal(found[0]?.text, 'DYB   VENETROMBOSE', 'matched as written');
    assert.equal(found[0]?.polarity, 'uncertain', 'uncertain');
  });
});

describe('isAssertedForPatient', () => {
  const asserted = (sentence: string, term: string): boolean | undefined => {
    const f = analyseFinding(sentence, term);
    return f && isAssertedForPatient(f);
  };
  test('only affirmed findings of the patient, now, count as active problems', () => {
    assert.equal(asserted('Indlagt med pneumoni.', 'pneumoni'), true, 'affirmed');
    assert.equal(asserted('Pneumoni ikke påvist.', 'pneumoni'), false, 'negated');
    assert.equal(asserted('Mistanke om pneumoni.', 'pneumoni'), false, 'uncertain');
    assert.equal(asserted('Tidligere pneumoni.', 'pneumoni'), false, 'historical');
    assert.equal(asserted('Mor med pneumoni.', 'pneumoni'), false, 'family');
    assert.equal(asserted('Hvis pneumoni, start antibiotika.', 'pneumoni'), false, 'hypothetical');
  });
});

describe('cue text and the sentence period', () => {
  test("a sentence's final period is not part of a cue, an abbreviation's is", () => {
    assert.deepEqual(findCues('Pneumoni afkræftet.').map((q) => q.text), ['afkræftet'], 'period of the sentence left out');
    assert.deepEqual(findCues('Morfin 5 mg p.n.').map((q) => q.text), ['p.n.'], 'period of p.n. kept');
    assert.deepEqual(findCues('Tidl. AMI.').map((q) => q.text), ['Tidl.'], 'period of tidl. kept');
  });
});

describe('polarityOf and the rule data', () => {
  test('uncertain wins over negated, negated over affirmed', () => {
    assert.equal(polarityOf({ negated: true, uncertain: true }), 'uncertain', 'both → uncertain');
    assert.equal(polarityOf({ negated: true, uncertain: false }), 'negated', 'negated');
    assert.equal(polarityOf({ negated: false, uncertain: false }), 'affirmed', 'neither → affirmed');
  });

  test('no phrase is listed twice with the same attachment', () => {
    const seen = new Map<string, string>();
    for (const r of DANISH_CONTEXT_RULES.rules) {
      const key = `${r.phrase.toLowerCase()}|${String(r.attached)}`;
      assert.ok(!seen.has(key), `"${r.phrase}" is listed as ${seen.get(key)} and ${r.kind}`);
      seen.set(key, r.kind);
    }
  });

  test('context cues carry a direction, terminators and pseudo-cues none', () => {
    for (const r of DANISH_CONTEXT_RULES.rules) {
      const scoped = r.kind !== 'terminator' && r.kind !== 'pseudo';
      assert.equal(r.direction !== undefined, scoped, `"${r.phrase}" (${r.kind}) direction`);
    }
  });
});
