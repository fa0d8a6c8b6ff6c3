/** Tests for segment.ts: Danish section headers, sentence splitting around abbreviations, numbers and dates, code-point offsets (journal-ai.md §3). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { segmentNote, segmentSections, splitSentences, type Passage } from './segment.ts';
import { sliceCodePoints } from './spans.ts';

const texts = (ps: readonly Passage[]): string[] => ps.map((p) => p.text);

function assertExactSlices(note: string, ps: readonly Passage[]): void {
  for (const p of ps) assert.equal(sliceCodePoints(note, p.start, p.end), p.text, `passage [${p.start}, ${p.end}) is the exact code-point slice "${p.text}"`);
}

describe('sentences', () => {
  test('abbreviations do not end a sentence', () => {
    const s = splitSentences('Obj.: BT 120/80. Ca. 3 dage u.t.p. infektion.');
    assert.deepEqual(texts(s), ['Obj.: BT 120/80.', 'Ca. 3 dage u.t.p. infektion.'], 'split after 120/80 only');
  });

  test('Danish abbreviations, decimals, dates, times and ordinals', () => {
    const note = 'Har bl.a. hoste, f.eks. om natten. Temp. 38.5 kl. 14 d. 12.03.2026. Får evt. paracetamol pga. smerter, jf. plan. Sengeleje nr. 4. Paracetamol 1 g x 4, ca. 500 mg. pr. dosis. Kontrol på 3. dag. Jvf. aftale.';
    assert.deepEqual(texts(splitSentences(note)), [
      'Har bl.a. hoste, f.eks. om natten.',
      'Temp. 38.5 kl. 14 d. 12.03.2026.',
      'Får evt. paracetamol pga. smerter, jf. plan.',
      'Sengeleje nr. 4.',
      'Paracetamol 1 g x 4, ca. 500 mg. pr. dosis.',
      'Kontrol på 3. dag.',
      'Jvf. aftale.',
    ], 'only real sentence ends split');
  });

  test('question and exclamation marks; a detached "?" is a cue, not an end', () => {
    assert.deepEqual(texts(splitSentences('Pneumoni? Obs. ? lungeemboli. Akut!  Ring straks.')), ['Pneumoni?', 'Obs. ? lungeemboli.', 'Akut!', 'Ring straks.'], 'split at attached ? and !');
  });

  test('a line break ends a sentence; bullets and blank lines are dropped', () => {
    const note = '- Paracetamol 1 g x 4\n• Ibuprofen 400 mg x 3\n\n   \nKontrol om 3 dage';
    assert.deepEqual(texts(splitSentences(note)), ['Paracetamol 1 g x 4', 'Ibuprofen 400 mg x 3', 'Kontrol om 3 dage'], 'one passage per line');
    assertExactSlices(note, splitSentences(note));
  });

  test('"mv." and "osv." end a sentence only before a capital letter', () => {
    assert.deepEqual(texts(splitSentences('Hoste, feber mv. Kontrol i morgen.')), ['Hoste, feber mv.', 'Kontrol i morgen.'], 'capital after mv.');
    assert.deepEqual(texts(splitSentences('Hoste, feber osv. i flere dage.')), ['Hoste, feber osv. i flere dage.'], 'lower case after osv.');
  });

  test('dosing abbreviations after the dose end a sentence before a capital letter; "i.v." before a drug does not', () => {
    assert.deepEqual(texts(splitSentences('Pt. har fået Panodil p.n. Ingen morfika.')), ['Pt. har fået Panodil p.n.', 'Ingen morfika.'], 'p.n. then a new sentence');
    assert.deepEqual(texts(splitSentences('Panodil 1 g x 4 dgl. Fragmin 5000 IE s.c. Kontrol i morgen.')), ['Panodil 1 g x 4 dgl.', 'Fragmin 5000 IE s.c.', 'Kontrol i morgen.'], 'dgl. and s.c.');
    assert.deepEqual(texts(splitSentences('Morfin 5 mg p.n. ved smerter.')), ['Morfin 5 mg p.n. ved smerter.'], 'lower case after p.n.');
    assert.deepEqual(texts(splitSentences('Behandles med i.v. Tazocin.')), ['Behandles med i.v. Tazocin.'], 'i.v. before the drug');
  });

  test('closing brackets stay with their sentence', () => {
    assert.deepEqual(texts(splitSentences('Hoste (tørhoste.) Feber.')), ['Hoste (tørhoste.)', 'Feber.'], 'bracket kept');
  });

  test('offsets are code points with emoji and æøå, also inside a span', () => {
    const note = '🩺 Pt. på 2. døgn 😷. Ødem på højre ben. Æblegrød til aften 🍎.';
    const s = splitSentences(note);
    assert.deepEqual(texts(s), ['🩺 Pt. på 2. døgn 😷.', 'Ødem på højre ben.', 'Æblegrød til aften 🍎.'], 'sentences');
    assert.deepEqual(s.map((p) => [p.start, p.end]), [[0, 19], [20, 38], [39, 60]], 'code-point offsets');
    assertExactSlices(note, s);
    const inner = splitSentences(note, { start: 20, end: 60 });
    assert.deepEqual(inner.map((p) => p.start), [20, 39], 'offsets stay document offsets inside a span');
    assert.throws(() => splitSentences(note, { start: 0, end: 61 }), RangeError, 'span past the end');
  });

  test('empty and whitespace-only text gives no sentences', () => {
    assert.deepEqual(splitSentences(''), [], 'empty');
    assert.deepEqual(splitSentences(' \n\t\n'), [], 'whitespace');
  });
});

const NOTE = [
  'Indlagt via FAM 😷.',
  'ANAMNESE',
  '72-årig kvinde med hoste i ca. 3 dage. Tidl. rask.',
  'Objektiv undersøgelse:',
  'BT 120/80. Temp. 38.5.',
  'Paraklinik: CRP 85. Leuk. 12.',
  'Konklusion: Mistanke om pneumoni. Lungeemboli kan ikke udelukkes.',
  'Plan: Rtg. af thorax. Evt. CT-angiografi.',
  'CAVE: penicillin',
  'Diagnose: Pneumoni',
  'Planlagt: ikke en overskrift.',
].join('\n');

describe('sections', () => {
  test('headers alone on a line (any case) and inline "Header: text"', () => {
    const sections = segmentSections(NOTE);
    assert.deepEqual(sections.map((s) => [s.name, s.heading?.text]), [
      [undefined, undefined], ['Anamnese', 'ANAMNESE'], ['Objektivt', 'Objektiv undersøgelse'], ['Paraklinik', 'Paraklinik'],
      ['Konklusion', 'Konklusion'], ['Plan', 'Plan'], ['CAVE', 'CAVE'], ['Diagnoser', 'Diagnose'],
    ], 'canonical names and headings as written');
    for (const s of sections) if (s.heading) assert.equal(sliceCodePoints(NOTE, s.heading.start, s.heading.end), s.heading.text, `heading ${s.heading.text} offsets`);
  });

  test('segmentNote labels each sentence with its section and never emits headers', () => {
    const ps = segmentNote(NOTE);
    assert.deepEqual(ps.map((p) => [p.section ?? '-', p.text]), [
      ['-', 'Indlagt via FAM 😷.'],
      ['Anamnese', '72-årig kvinde med hoste i ca. 3 dage.'],
      ['Anamnese', 'Tidl. rask.'],
      ['Objektivt', 'BT 120/80.'],
      ['Objektivt', 'Temp. 38.5.'],
      ['Paraklinik', 'CRP 85.'],
      ['Paraklinik', 'Leuk. 12.'],
      ['Konklusion', 'Mistanke om pneumoni.'],
      ['Konklusion', 'Lungeemboli kan ikke udelukkes.'],
      ['Plan', 'Rtg. af thorax.'],
      ['Plan', 'Evt. CT-angiografi.'],
      ['CAVE', 'penicillin'],
      ['Diagnoser', 'Pneumoni'],
      ['Diagnoser', 'Planlagt: ikke en overskrift.'],
    ], 'sections and sentences');
    assertExactSlices(NOTE, ps);
  });

  test('a note without headers is one unnamed section; a header at the very start leaves no preamble', () => {
    assert.deepEqual(segmentSections('Hoste. Feber.').map((s) => [s.name, s.start, s.end]), [[undefined, 0, 13]], 'one section');
    const ps = segmentNote('Vurdering: Bedring.\nStatus\nStabil. Aktuelt: Ingen klager.');
    assert.deepEqual(ps.map((p) => [p.section, p.text]), [['Vurdering', 'Bedring.'], ['Status', 'Stabil.'], ['Status', 'Aktuelt: Ingen klager.']], 'an inline header counts only at line start');
  });

  test('the Obj. abbreviation as a header and Epikrise/Resultat/Medicin', () => {
    const ps = segmentNote('Obj.: BT 120/80. Ca. 3 dage u.t.p. infektion.\nEpikrise:\nUdskrevet.\nResultat: Negativ.\nmedicin:\nPinex.');
    assert.deepEqual(ps.map((p) => [p.section, p.text]), [
      ['Objektivt', 'BT 120/80.'], ['Objektivt', 'Ca. 3 dage u.t.p. infektion.'], ['Epikrise', 'Udskrevet.'], ['Resultat', 'Negativ.'], ['Medicin', 'Pinex.'],
    ], 'sections');
  });
});

describe('line endings and bare CAVE', () => {
  test('CRLF notes split the same way and offsets stay exact', () => {
    const note = 'Anamnese:\r\nHoste. Feber.\r\nPlan: Kontrol.\r\n';
    const ps = segmentNote(note);
    assert.deepEqual(ps.map((p) => [p.section, p.text]), [['Anamnese', 'Hoste.'], ['Anamnese', 'Feber.'], ['Plan', 'Kontrol.']], 'no \\r in passages');
    assertExactSlices(note, ps);
  });

  test('"CAVE penicillin" at line start opens a CAVE section without a colon; CAVE mid-line does not', () => {
    const ps = segmentNote('Pt. er CAVE NSAID.\nCAVE penicillin og sulfa.\nCAVEAT: ingen.');
    assert.deepEqual(ps.map((p) => [p.section ?? '-', p.text]), [['-', 'Pt. er CAVE NSAID.'], ['CAVE', 'penicillin og sulfa.'], ['CAVE', 'CAVEAT: ingen.']], 'bare CAVE header');
  });
});
