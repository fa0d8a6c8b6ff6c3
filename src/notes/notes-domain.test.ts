/** The pure parts of notes: templates, content checks, the Composition and its resources, amendment steps, the Provenance. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Condition, Observation } from '@medplum/fhirtypes';
import type { NoteContent } from './api-types.ts';
import { buildComposition, escapeXml, readNote } from './note-composition.ts';
import { noteProvenance } from './note-provenance.ts';
import { checkContent, checkSignable } from './note-validation.ts';
import { amendmentSteps, fieldOfResource, structuredResources, type NoteContext } from './structured-resources.ts';
import { NOTE_TEMPLATES, templateById } from './templates.ts';

const admission = templateById('indlaeggelsesnotat')!;
const context: NoteContext = { patientId: 'p1', encounterId: 'e1', author: { reference: 'Practitioner/d1', display: 'Søren Ærø' }, at: '2026-11-29T10:00:00.000Z' };
const content: NoteContent = {
  sections: { anamnese: 'Feber i 3 døgn.\nHoster.', objektivt: 'Påvirket <b>ikke</b> & "klar"' },
  fields: { weight: 82.5, bloodPressure: { systolic: 135, diastolic: 82 }, diagnosis: { code: 'DJ189', display: 'Pneumoni UNS' }, allergy: { substance: 'Penicillin', reaction: 'Udslæt' }, smoking: 'former' },
};

describe('note templates', () => {
  it('are the four Danish note types with their LOINC codes, each field placed in one of its sections', () => {
    assert.deepEqual(NOTE_TEMPLATES.map((t) => t.loinc.code), ['34117-2', '34746-8', '11506-3', '18842-5']);
    for (const t of NOTE_TEMPLATES) {
      const sections = new Set(t.sections.map((s) => s.key));
      for (const f of t.fields) assert.ok(sections.has(f.section), `${t.id}: ${f.key} in a section of the template (${f.section})`);
    }
    assert.deepEqual(templateById('sygeplejestatus')?.roles, ['sygeplejerske', 'laege'], 'nurses write the nursing status');
    assert.ok(!templateById('sygeplejestatus')?.fields.some((f) => f.key === 'diagnosis'), 'a nurse writes no diagnosis (Condition is a doctor’s)');
  });
});

describe('checkContent', () => {
  it('accepts the template’s sections and fields, dropping empty ones', () => {
    const r = checkContent(admission, { sections: { anamnese: 'x', plan: '  ' }, fields: { weight: 82.5, height: '', diagnosis: { code: 'dj189', display: ' Pneumoni ' } } });
    assert.deepEqual(r, { ok: true, content: { sections: { anamnese: 'x' }, fields: { weight: 82.5, diagnosis: { code: 'DJ189', display: 'Pneumoni' } } } });
  });

  it('names each bad field: out of range, not a number, half a blood pressure, an unknown field or section, a code that is not SKS', () => {
    const r = checkContent(admission, {
      sections: { recept: 'x', anamnese: 3 },
      fields: { weight: 8250, pulse: '80', bloodPressure: { systolic: 120 }, diagnosis: { code: 'pneumoni', display: 'x' }, pain: 3, smoking: 'sometimes' },
    });
    assert.equal(r.ok, false);
    assert.deepEqual(
      !r.ok && r.problems.map((p) => p.expression).sort(),
      ['content.fields.bloodPressure', 'content.fields.diagnosis', 'content.fields.pain', 'content.fields.pulse', 'content.fields.smoking', 'content.fields.weight', 'content.sections.anamnese', 'content.sections.recept'],
    );
    const weight = !r.ok ? r.problems.find((p) => p.expression === 'content.fields.weight') : undefined;
    assert.match(weight?.message ?? '', /between 0.3 and 400 kg/, 'the range in the message');
  });

  it('refuses a diastolic pressure above the systolic, and a field the template does not have', () => {
    assert.equal(checkContent(admission, { fields: { bloodPressure: { systolic: 80, diastolic: 120 } } }).ok, false);
    assert.equal(checkContent(templateById('sygeplejestatus')!, { fields: { diagnosis: { code: 'DJ189', display: 'x' } } }).ok, false, 'no diagnosis in a nursing status');
  });

  it('an empty note cannot be signed', () => {
    assert.equal(checkSignable({ sections: {}, fields: {} }).length, 1);
    assert.equal(checkSignable({ sections: { plan: 'x' }, fields: {} }).length, 0);
  });
});

describe('structuredResources', () => {
  const resources = structuredResources(content.fields, context);
  const byField = Object.fromEntries(resources.map((r) => [r.field, r.resource]));

  it('makes the weight a vital-signs Observation in kg (LOINC 29463-7) by the author, on the stay', () => {
    const weight = byField.weight as Observation;
    assert.equal(weight.code.coding?.[0]?.code, '29463-7');
    assert.deepEqual(weight.valueQuantity, { value: 82.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' });
    assert.equal(weight.category?.[0]?.coding?.[0]?.code, 'vital-signs');
    assert.equal(weight.performer?.[0]?.reference, 'Practitioner/d1');
    assert.equal(weight.encounter?.reference, 'Encounter/e1');
    assert.equal(weight.effectiveDateTime, context.at);
  });

  it('makes blood pressure the 85354-9 panel (as manual vitals), the diagnosis an SKS Condition, CAVE an AllergyIntolerance, smoking a social-history Observation', () => {
    assert.equal((byField.bloodPressure as Observation).code.coding?.[0]?.code, '85354-9');
    assert.deepEqual((byField.bloodPressure as Observation).component?.map((c) => c.valueQuantity?.value), [135, 82]);
    const condition = byField.diagnosis as Condition;
    assert.deepEqual(condition.code?.coding?.[0], { system: 'urn:oid:1.2.208.176.2.4', code: 'DJ189', display: 'Pneumoni UNS' });
    assert.equal(byField.allergy?.resourceType, 'AllergyIntolerance');
    assert.equal((byField.smoking as Observation).valueCodeableConcept?.coding?.[0]?.code, '8517006');
    for (const r of resources) assert.equal(fieldOfResource(r.resource), r.field, `${r.field} is recognised back`);
  });
});

describe('buildComposition', () => {
  const composition = buildComposition({ template: admission, content, status: 'final', patientId: 'p1', encounterId: 'e1', author: context.author, date: context.at, resources: { weight: 'Observation/w1', diagnosis: 'Condition/c1' } });

  it('is a Composition of the template’s type with Danish section titles, escaped narrative and entries to the resources', () => {
    assert.equal(composition.type.coding?.[0]?.code, '34117-2');
    assert.equal(composition.title, 'Indlæggelsesnotat');
    const objektivt = composition.section?.find((s) => s.title === 'Objektivt');
    assert.equal(objektivt?.text?.div, '<div xmlns="http://www.w3.org/1999/xhtml"><p>Påvirket &lt;b&gt;ikke&lt;/b&gt; &amp; &quot;klar&quot;</p><p>Vægt: 82,5 kg</p><p>Blodtryk: 135/82 mmHg</p></div>');
    assert.deepEqual(objektivt?.entry, [{ reference: 'Observation/w1' }]);
    assert.deepEqual(composition.section?.find((s) => s.title === 'Konklusion')?.entry, [{ reference: 'Condition/c1' }]);
    assert.equal(composition.section?.find((s) => s.title === 'Plan'), undefined, 'no empty sections');
    assert.equal(composition.attester?.[0]?.mode, 'legal', 'signed: the author attests');
  });

  it('reads back the template, content, resources and plain text', () => {
    const read = readNote(composition);
    assert.equal(read.templateId, 'indlaeggelsesnotat');
    assert.deepEqual(read.content, content);
    assert.deepEqual(read.resources, { weight: 'Observation/w1', diagnosis: 'Condition/c1' });
    assert.equal(read.sections[0]?.text, 'Feber i 3 døgn.\nHoster.\nRygning: tidligere ryger');
    assert.equal(read.patientId, 'p1');
  });

  it('a draft has no attester', () => {
    assert.equal(buildComposition({ template: admission, content, status: 'preliminary', patientId: 'p1', author: context.author, date: context.at }).attester, undefined);
    assert.equal(escapeXml(`<a href='x'>`), '&lt;a href=&#39;x&#39;&gt;');
  });
});

describe('amendmentSteps', () => {
  it('keeps unchanged values, amends changed ones in place, creates new ones and retires removed ones', () => {
    const written = { weight: { resourceType: 'Observation', id: 'w1', status: 'final' } as Observation, diagnosis: { resourceType: 'Condition', id: 'c1', clinicalStatus: { text: 'active' } } as Condition };
    const after: NoteContent = { sections: {}, fields: { weight: 80, pulse: 72, allergy: content.fields.allergy! } };
    const before: NoteContent = { sections: {}, fields: { weight: 82.5, diagnosis: content.fields.diagnosis! } };
    const steps = amendmentSteps(before, after, written, context);
    const by = Object.fromEntries(steps.map((s) => [s.field, s]));
    assert.equal(by.weight?.action, 'update');
    assert.equal(by.weight?.action === 'update' && (by.weight.resource as Observation).status, 'amended', 'a changed Observation is amended');
    assert.equal(by.weight?.action === 'update' && by.weight.resource.id, 'w1', 'the same resource');
    assert.equal(by.pulse?.action, 'create');
    assert.equal(by.allergy?.action, 'create');
    assert.equal(by.diagnosis?.action, 'retire');
    const retired = by.diagnosis?.action === 'retire' ? (by.diagnosis.resource as Condition) : undefined;
    assert.equal(retired?.verificationStatus?.coding?.[0]?.code, 'entered-in-error');
    assert.equal(retired?.clinicalStatus, undefined, 'no clinical status on an entered-in-error Condition (con-5)');
    assert.deepEqual(amendmentSteps(before, before, written, context).map((s) => s.action), ['keep', 'keep'], 'nothing changed: nothing written');
  });
});

describe('noteProvenance', () => {
  it('names the author as agent and signer; an amendment says UPDATE with the reason and the version it revises', () => {
    const signed = noteProvenance({ targets: ['Composition/n1/_history/3', 'Observation/w1/_history/1'], author: context.author, at: context.at });
    assert.equal(signed.agent[0]?.type?.coding?.[0]?.code, 'author');
    assert.equal(signed.signature?.[0]?.who.reference, 'Practitioner/d1');
    assert.equal(signed.signature?.[0]?.type[0]?.code, '1.2.840.10065.1.12.1.1');
    assert.equal(signed.activity?.coding?.[0]?.code, 'CREATE');
    const amended = noteProvenance({ targets: ['Composition/n1/_history/4'], author: context.author, at: context.at, amendment: { reason: 'Forkert vægt', revises: 'Composition/n1/_history/3' } });
    assert.equal(amended.activity?.coding?.[0]?.code, 'UPDATE');
    assert.equal(amended.reason?.[0]?.text, 'Forkert vægt');
    assert.deepEqual(amended.entity, [{ role: 'revision', what: { reference: 'Composition/n1/_history/3' } }]);
  });
});
