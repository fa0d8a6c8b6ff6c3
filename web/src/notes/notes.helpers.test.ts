import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { NoteSummary } from '../../../src/notes/api-types.ts';
import { NOTE_TEMPLATES } from '../../../src/notes/templates.ts';
import type { Me } from '../api/types.ts';
import { contentFromForm, formFromContent, isAuthor, mayAmend, problemsByKey, writableTemplates } from './notes.helpers.ts';

const admission = NOTE_TEMPLATES.find((t) => t.id === 'indlaeggelsesnotat')!;
const nursing = NOTE_TEMPLATES.find((t) => t.id === 'sygeplejestatus')!;
const user = (role: string, fhirUser: string): Me => ({ kind: 'user', display: role, fhirUser, memberships: [{ role }], scopes: [] });
const note = (status: NoteSummary['status'], author: string): Pick<NoteSummary, 'author' | 'status' | 'templateId'> => ({ status, author: { reference: author, display: 'x' }, templateId: 'sygeplejestatus' });

describe('contentFromForm', () => {
  it('reads Danish decimals and leaves empty inputs out', () => {
    const r = contentFromForm(admission, { sections: { anamnese: 'Feber', plan: '' }, fields: { weight: '82,5', height: ' ', pulse: '72' } });
    assert.deepEqual(r, { content: { sections: { anamnese: 'Feber' }, fields: { weight: 82.5, pulse: 72 } }, notNumbers: [] });
  });

  it('names inputs that are not numbers', () => {
    assert.deepEqual(contentFromForm(admission, { sections: {}, fields: { weight: '82 kg', systolic: 'x' } }).notNumbers, ['weight', 'systolic']);
  });

  it('an autosave leaves out half a blood pressure or a code without text; signing sends them so the server names the field', () => {
    const form = { sections: {}, fields: { systolic: '120', diagnosisCode: 'DJ189' } };
    assert.deepEqual(contentFromForm(admission, form).content.fields, {}, 'autosave');
    assert.deepEqual(contentFromForm(admission, form, true).content.fields, { bloodPressure: { systolic: 120, diastolic: null }, diagnosis: { code: 'DJ189', display: '' } }, 'signing');
  });

  it('round-trips through formFromContent', () => {
    const content = { sections: { objektivt: 'Klar' }, fields: { weight: 82.5, bloodPressure: { systolic: 130, diastolic: 80 }, diagnosis: { code: 'DJ189', display: 'Pneumoni' }, allergy: { substance: 'Penicillin' }, smoking: 'never' as const } };
    const form = formFromContent(content);
    assert.equal(form.fields.weight, '82,5', 'a Danish comma in the form');
    assert.deepEqual(contentFromForm(admission, form).content, content);
  });
});

describe('problemsByKey', () => {
  it('maps content.fields.x and content.sections.y to the form’s keys; the rest is general', () => {
    const outcome: OperationOutcome = {
      resourceType: 'OperationOutcome',
      issue: [
        { severity: 'error', code: 'invalid', details: { text: 'Weight must be between 0.3 and 400 kg' }, expression: ['content.fields.weight'] },
        { severity: 'error', code: 'invalid', details: { text: 'Too long' }, expression: ['content.sections.plan'] },
        { severity: 'error', code: 'invalid', details: { text: 'Something else' } },
      ],
    };
    const r = problemsByKey(outcome, admission);
    assert.deepEqual(r.fields, { weight: 'Weight must be between 0.3 and 400 kg', plan: 'Too long' });
    assert.deepEqual(r.general, ['Something else']);
  });
});

describe('who may write, sign and amend', () => {
  it('nurses get the nursing status; doctors every template', () => {
    assert.deepEqual(writableTemplates(user('sygeplejerske', 'Practitioner/n'), NOTE_TEMPLATES).map((t) => t.id), ['sygeplejestatus']);
    assert.equal(writableTemplates(user('laege', 'Practitioner/d'), NOTE_TEMPLATES).length, 4);
    assert.equal(writableTemplates(user('portoer', 'Practitioner/p'), NOTE_TEMPLATES).length, 0);
  });

  it('the author or a doctor amends a signed note; nobody amends a draft', () => {
    assert.equal(isAuthor(user('sygeplejerske', 'Practitioner/n'), note('final', 'Practitioner/n')), true);
    assert.equal(mayAmend(user('sygeplejerske', 'Practitioner/n'), note('final', 'Practitioner/n'), nursing), true, 'the author');
    assert.equal(mayAmend(user('sygeplejerske', 'Practitioner/m'), note('final', 'Practitioner/n'), nursing), false, 'another nurse');
    assert.equal(mayAmend(user('laege', 'Practitioner/d'), note('amended', 'Practitioner/n'), nursing), true, 'a doctor');
    assert.equal(mayAmend(user('laege', 'Practitioner/d'), note('preliminary', 'Practitioner/d'), nursing), false, 'a draft is saved, not amended');
  });
});
