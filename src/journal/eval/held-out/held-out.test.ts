/** The held-out set stays consistent and a few of its cases are answered right by the pure answerer (planQuestion → labelPassage → decideAnswer over the notes' passages). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideAnswer, type LabelledItem } from '../../qa/decide-answer.ts';
import { labelPassage } from '../../qa/passage-label.ts';
import { planQuestion } from '../../qa/question-plan.ts';
import { segmentNote } from '../../text/index.ts';
import { HELD_OUT_NOTES, HELD_OUT_PATIENTS, HELD_OUT_QUESTIONS, heldOutBundle, type HeldOutQuestion } from './index.ts';

/** Every passage of the patient's notes that mentions a concept (retrieval without the index), labelled. */
function verdict(patient: HeldOutQuestion['patient'], question: string) {
  const plan = planQuestion(question);
  const items: LabelledItem[] = HELD_OUT_NOTES.filter((n) => n.patient === patient).flatMap((n) =>
    segmentNote(n.text).map((p, k): LabelledItem => ({ id: `${n.id}:${k}`, label: labelPassage(p.text, plan.concepts, p.section), recorded: n.date, score: 1 })),
  ).filter((i) => i.label.covered.size > 0);
  return decideAnswer(plan, items).verdict;
}

describe('held-out set', () => {
  it('is consistent: evidence names notes of the patient, not-found has none, enough of each kind', () => {
    const notes = new Map<string, string>(HELD_OUT_NOTES.map((n) => [n.id, n.patient]));
    assert.equal(notes.size, HELD_OUT_NOTES.length, 'note ids are unique');
    for (const q of HELD_OUT_QUESTIONS) {
      assert.equal(q.answer === 'not-found', q.evidence.length === 0, `evidence iff answered: ${q.question}`);
      for (const id of q.evidence) assert.equal(notes.get(id), q.patient, `${q.question}: ${id} is a note of patient ${q.patient}`);
    }
    assert.ok(HELD_OUT_QUESTIONS.filter((q) => q.answer === 'not-found').length >= 10, 'at least 10 not-found questions');
    assert.ok(HELD_OUT_QUESTIONS.filter((q) => q.set === 'after-tuning').length >= 10, 'at least 10 questions written after tuning');
    const { bundle, patients } = heldOutBundle();
    assert.equal(patients.size, HELD_OUT_PATIENTS.length, 'a Patient per held-out patient');
    assert.equal(bundle.entry?.length, HELD_OUT_PATIENTS.length + HELD_OUT_NOTES.length, 'a DocumentReference per note');
  });

  it('answers negation, doubt, family, history and stopped drugs in text it was not written on', () => {
    const cases: [HeldOutQuestion['patient'], string, string][] = [
      ['A', 'Har patienten lungeemboli?', 'no'], // "afkræftet"; "mindre sandsynlig, men kan ikke udelukkes" is doubt, and "let" is not "LE"
      ['A', 'Har der været mistanke om lungeemboli?', 'yes'],
      ['A', 'Får patienten aktuelt insulin?', 'no'], // "opstartes insulin: Inj. NovoRapid" then "Insulin seponeret"
      ['A', 'Får patienten vanddrivende medicin?', 'yes'], // Furix
      ['A', 'Har patienten en pacemaker?', 'not-found'],
      ['B', 'Får patienten aktuelt blodfortyndende medicin?', 'yes'], // "… med Eliquis, Hjertemagnyl seponeret"
      ['B', 'Har patienten diabetes?', 'no'],
      ['B', 'Er der diabetes i familien?', 'yes'],
      ['C', 'Er patienten allergisk over for penicillin?', 'no'], // uafklaret, then afkræftet
      ['C', 'Får patienten aktuelt opioider?', 'no'],
      ['C', 'Har patienten KOL?', 'not-found'], // bror med KOL
    ];
    for (const [patient, question, expected] of cases) assert.equal(verdict(patient, question), expected, `${patient}: ${question}`);
  });

  it('never answers yes where the gold says no or not-found, and abstains on ≥ 90 % of not-found questions', () => {
    const wrongYes = HELD_OUT_QUESTIONS.filter((q) => q.answer !== 'yes' && verdict(q.patient, q.question) === 'yes').map((q) => `${q.patient}: ${q.question}`);
    assert.deepEqual(wrongYes, [], 'no wrong yes');
    const notFound = HELD_OUT_QUESTIONS.filter((q) => q.answer === 'not-found');
    const abstained = notFound.filter((q) => verdict(q.patient, q.question) === 'not-found').length;
    assert.ok(abstained / notFound.length >= 0.9, `abstention ${abstained}/${notFound.length}`);
  });
});
