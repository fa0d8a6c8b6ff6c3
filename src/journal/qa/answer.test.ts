/** Question planning, passage labels and the extractive verdict (pure). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideAnswer, type LabelledItem } from './decide-answer.ts';
import { labelPassage } from './passage-label.ts';
import { planQuestion } from './question-plan.ts';

const item = (id: string, text: string, question: string, recorded = '2024-01-01', section?: string): LabelledItem => ({ id, label: labelPassage(text, planQuestion(question).concepts, section), recorded, score: 1 });
const verdict = (question: string, ...texts: (string | [string, string])[]) =>
  decideAnswer(planQuestion(question), texts.map((t, n) => (typeof t === 'string' ? item(`p${n}`, t, question) : item(`p${n}`, t[0], question, t[1])))).verdict;

describe('planQuestion', () => {
  it('expands "blodfortyndende" to anticoagulants and reads the modality', () => {
    const plan = planQuestion('Får patienten aktuelt blodfortyndende medicin?');
    assert.deepEqual(plan.concepts.map((c) => c.id), ['anticoagulant'], 'one concept');
    assert.ok(plan.concepts[0]!.terms.includes('Eliquis'), 'Eliquis is an anticoagulant');
    assert.equal(plan.current, true, 'now');
    assert.equal(planQuestion('Er der brystkræft i familien?').family, true, 'family');
    assert.equal(planQuestion('Er der rejst mistanke om sepsis?').suspicion, true, 'suspicion');
    assert.equal(planQuestion('Har patienten haft brud på højre håndled?').side, 'højre', 'side');
  });
  it('merges a word and its parenthesised synonym into one concept', () => {
    assert.deepEqual(planQuestion('Har patienten haft en blodprop i benet (DVT)?').concepts.map((c) => c.id), ['dvt']);
  });
});

describe('decideAnswer', () => {
  it('yes for an asserted passage, no for only negated ones, not-found without a mention', () => {
    assert.equal(verdict('Har patienten fået blodfortyndende?', 'T. Eliquis 5 mg x 2.'), 'yes');
    assert.equal(verdict('Har patienten penicillinallergi?', 'Ingen penicillinallergi.'), 'no');
    assert.equal(verdict('Har patienten en pacemaker?', 'Ingen feber.'), 'not-found');
  });
  it('"ingen kendte allergier" answers no for a specific allergy; a CAVE section counts as allergy', () => {
    assert.equal(verdict('Er patienten allergisk over for penicillin?', 'Ingen kendte allergier.'), 'no');
    const q = 'Har patienten nogen kendte allergier?';
    assert.equal(decideAnswer(planQuestion(q), [item('p0', 'jodholdigt kontrastmiddel (urticaria).', q, '2024-01-01', 'CAVE')]).verdict, 'yes', 'under CAVE');
  });
  it('relatives and other persons are not the patient; a family question asks for them', () => {
    assert.equal(verdict('Har patienten fået blodfortyndende?', 'Ægtefællen er selv i behandling med Marevan.'), 'not-found');
    assert.equal(verdict('Har patienten selv haft brystkræft?', 'Disposition: mor med brystkræft.'), 'not-found');
    assert.equal(verdict('Er der brystkræft i familien?', 'Disposition: mor med brystkræft.'), 'yes');
  });
  it('now: a drug stopped later is not given now; a suspicion answers a suspicion question', () => {
    assert.equal(verdict('Får patienten aktuelt Eliquis?', ['T. Eliquis 5 mg x 2.', '2024-01-01'], ['Eliquis seponeret pga. blødning.', '2024-02-01']), 'no');
    assert.equal(verdict('Har patienten fået Eliquis?', ['T. Eliquis 5 mg x 2.', '2024-01-01'], ['Eliquis seponeret pga. blødning.', '2024-02-01']), 'yes');
    assert.equal(verdict('Er der rejst mistanke om sepsis?', 'Stigende CRP, sepsis kan ikke udelukkes.'), 'yes');
  });
  it('a stop cue stops the drug of its own clause; a later stop of a drug named with others stops "now"', () => {
    assert.equal(verdict('Får patienten aktuelt blodfortyndende medicin?', ['Tbl. Eliquis 5 mg x 2.', '2024-01-01'], ['Opstartet AK-behandling med Eliquis, Hjertemagnyl seponeret.', '2024-02-01']), 'yes');
    assert.equal(verdict('Får patienten aktuelt insulin?', ['Opstartes insulin: Inj. NovoRapid efter skema.', '2024-01-01'], ['Insulin seponeret ved udskrivelsen.', '2024-02-01']), 'no');
  });
  it('drug classes and abbreviations: brand names count, "LE" is not "let", graded doubt is doubt', () => {
    assert.equal(verdict('Får patienten vanddrivende medicin?', 'Tbl. Furix 40 mg x 1.'), 'yes');
    assert.equal(verdict('Får patienten PPI?', 'Tbl. Pantoprazol 40 mg x 1.'), 'yes');
    assert.equal(verdict('Har patienten fået opioider?', 'Ingen morfika.'), 'no');
    assert.equal(verdict('Har patienten lungeemboli?', 'Furix øges pga. let vægtøgning.'), 'not-found');
    assert.equal(verdict('Har patienten lungeemboli?', 'Lungeemboli vurderes mindre sandsynlig, men kan ikke udelukkes.'), 'not-found');
  });
  it('"ingen kendte allergier" does not answer no for penicillin when another allergy is recorded', () => {
    const q = 'Er patienten allergisk over for penicillin?';
    assert.equal(decideAnswer(planQuestion(q), [item('p0', 'Ingen kendte allergier.', q), item('p1', 'jodholdigt kontrastmiddel (urticaria).', q, '2024-01-01', 'CAVE')]).verdict, 'not-found');
  });
  it('the other side answers no', () => {
    assert.equal(verdict('Har patienten haft brud på venstre håndled?', 'Distal radiusfraktur på højre side.'), 'no');
    assert.equal(verdict('Har patienten haft brud på højre håndled?', 'Distal radiusfraktur på højre side.'), 'yes');
  });
});
