/** Board templates: the standard set, tailoring and its refusals, resolving for a screen, the legend and the palette. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TaskStatus, Triage } from '../model.ts';
import { legendFor } from './legend.ts';
import { BED_STATUS_SWATCHES, contrastRatio, EWS_RISK_SWATCHES, OKABE_ITO, TASK_STATUS_SWATCHES, TRIAGE_SWATCHES } from './palette.ts';
import { projectRow } from './projection.ts';
import { EMERGENCY_TEMPLATE, findTemplate, MEDICAL_WARD_TEMPLATE, PSYCHIATRIC_WARD_TEMPLATE, STANDARD_TEMPLATES } from './standard-templates.ts';
import { isTailoringRefused, resolveTemplate, tailorTemplate, templateProblems, type BoardTemplate } from './templates.ts';

describe('standard templates', () => {
  it('ships four sound, versioned templates', () => {
    assert.deepEqual(STANDARD_TEMPLATES.map((t) => t.id), ['medicinsk-sengeafsnit', 'kirurgisk-sengeafsnit', 'psykiatrisk-sengeafsnit', 'akutmodtagelse'], 'ids');
    for (const t of STANDARD_TEMPLATES) assert.deepEqual(templateProblems(t), [], `${t.id} is sound`);
    assert.equal(findTemplate('akutmodtagelse')?.kind, 'emergency', 'the ED template');
  });
  it('ward templates carry the reference columns; the ED template the process line and timers', () => {
    const ids = MEDICAL_WARD_TEMPLATE.columns.map((c) => c.id);
    for (const id of ['bed', 'patient', 'responsible-nurse', 'responsible-doctor', 'early-warning', 'flags', 'pending-tests', 'tasks', 'expected-discharge', 'transfer', 'comment']) {
      assert.ok(ids.includes(id), `medical ward has ${id}`);
    }
    assert.deepEqual(EMERGENCY_TEMPLATE.columns.map((c) => c.id), ['area', 'arrival', 'triage', 'patient', 'complaint', 'process', 'timers'], 'ED columns');
  });
  it('finds problems in a template from configuration', () => {
    const broken = { ...MEDICAL_WARD_TEMPLATE, version: 'v1', publicNames: 'full', columns: [...MEDICAL_WARD_TEMPLATE.columns, { id: 'bed', label: { da: '', en: 'x' }, screens: [] }] } as BoardTemplate;
    const problems = templateProblems({ ...broken, tailoring: { ...broken.tailoring, mayShowFullNamesOnPublicScreens: false } });
    assert.equal(problems.length, 5, `version, full names, duplicate, label, no screen: ${problems.join('; ')}`);
  });
});

describe('tailorTemplate', () => {
  it('hides and reorders columns and may show full names where allowed', () => {
    const result = tailorTemplate(MEDICAL_WARD_TEMPLATE, { templateId: 'medicinsk-sengeafsnit', hiddenColumns: ['comment', 'pending-tests'], columnOrder: ['patient', 'bed'], publicNames: 'full' });
    assert.ok(!isTailoringRefused(result), 'accepted');
    const ids = result.columns.map((c) => c.id);
    assert.deepEqual(ids.slice(0, 3), ['patient', 'bed', 'responsible-nurse'], 'ordered first, then the rest in template order');
    assert.ok(!ids.includes('comment') && !ids.includes('pending-tests'), 'hidden columns gone');
    assert.equal(result.publicNames, 'full', 'full names on public screens');
    assert.equal(result.version, '1.0.0', 'keeps the version it tailors');
  });
  it('lists every error', () => {
    const result = tailorTemplate(PSYCHIATRIC_WARD_TEMPLATE, { templateId: 'psykiatrisk-sengeafsnit', hiddenColumns: ['patient', 'nope'], columnOrder: ['tasks', 'tasks', 'ghost'], publicNames: 'full' });
    assert.ok(isTailoringRefused(result), 'refused');
    assert.deepEqual(result.errors.map((e) => `${e.code}${e.column ? `:${e.column}` : ''}`), [
      'TEMPLATE_REQUIRED_COLUMN_HIDDEN:patient',
      'TEMPLATE_UNKNOWN_COLUMN:nope',
      'TEMPLATE_DUPLICATE_COLUMN:tasks',
      'TEMPLATE_UNKNOWN_COLUMN:ghost',
      'TEMPLATE_FULL_NAMES_NOT_ALLOWED',
    ], 'errors');
  });
  it('refuses reordering and hiding where the template forbids them, and another template’s tailoring', () => {
    const locked: BoardTemplate = { ...MEDICAL_WARD_TEMPLATE, tailoring: { mayHideColumns: false, mayReorderColumns: false, mayShowFullNamesOnPublicScreens: false } };
    const result = tailorTemplate(locked, { templateId: 'akutmodtagelse', hiddenColumns: ['comment'], columnOrder: ['patient'] });
    assert.ok(isTailoringRefused(result), 'refused');
    assert.deepEqual(result.errors.map((e) => e.code), ['TEMPLATE_WRONG_TEMPLATE', 'TEMPLATE_HIDE_NOT_ALLOWED', 'TEMPLATE_REORDER_NOT_ALLOWED'], 'errors');
    const same = tailorTemplate(locked, { templateId: MEDICAL_WARD_TEMPLATE.id, columnOrder: ['bed', 'patient'] });
    assert.ok(!isTailoringRefused(same), 'an order that changes nothing is not a reordering');
  });
});

describe('resolveTemplate', () => {
  it('gives a public wall screen its columns and initials, a signed-in screen full names', () => {
    const wall = resolveTemplate(PSYCHIATRIC_WARD_TEMPLATE, 'wall', true);
    assert.equal(wall.names, 'initials', 'public: initials');
    assert.ok(!wall.columns.some((c) => c.id === 'comment' || c.id === 'early-warning'), 'psychiatric wall hides comment and EWS');
    const phone = resolveTemplate(PSYCHIATRIC_WARD_TEMPLATE, 'phone', false);
    assert.equal(phone.names, 'full', 'signed in: full names');
    assert.ok(phone.columns.some((c) => c.id === 'comment'), 'phone shows the comment');
    assert.ok(!phone.columns.some((c) => c.id === 'pending-tests'), 'pending tests only on the list');
    assert.ok(!('required' in (phone.columns[0] ?? {})), 'resolved columns carry no tailoring flags');
  });
  it('carries a legend with symbol and Danish/English text', () => {
    const keys = resolveTemplate(MEDICAL_WARD_TEMPLATE, 'wall', true).legend.map((l) => l.key);
    for (const key of ['flag:isolation', 'flag:faldrisiko', 'flag:cave', 'task:transport', 'task:rengoering', 'task:blodproeve', 'status:requested', 'status:cancelled', 'bed:free', 'bed:blocked', 'ews:high']) {
      assert.ok(keys.includes(key), `ward legend has ${key}`);
    }
    const ed = legendFor('emergency');
    assert.ok(ed.some((l) => l.key === 'triage:roed' && l.da === 'Rød'), 'ED legend has triage');
    assert.ok([...legendFor('ward'), ...ed].every((l) => l.symbol && l.da && l.en), 'every entry has symbol and words');
    assert.equal(new Set(legendFor('ward').map((l) => l.symbol)).size, legendFor('ward').length, 'ward symbols are distinct');
  });
});

describe('palette', () => {
  it('uses Okabe–Ito colours with readable text and words for every status and triage level', () => {
    const okabe = Object.values(OKABE_ITO) as string[];
    const swatches = [...Object.values(TASK_STATUS_SWATCHES), ...Object.values(BED_STATUS_SWATCHES), ...Object.values(TRIAGE_SWATCHES), ...Object.values(EWS_RISK_SWATCHES)];
    for (const s of swatches) {
      assert.ok(okabe.includes(s.colour), `${s.en} uses an Okabe–Ito colour`);
      assert.ok(contrastRatio(s.colour, s.textColour) >= 4.5, `${s.en} text contrast ${contrastRatio(s.colour, s.textColour).toFixed(2)} ≥ 4.5`);
      assert.ok(s.symbol && s.da && s.en, `${s.en} has a symbol and words`);
    }
    assert.equal(Object.keys(TASK_STATUS_SWATCHES).length, Object.values(TaskStatus).length, 'every task status');
    assert.deepEqual(Object.values(Triage).map((t) => TRIAGE_SWATCHES[t].level), [1, 2, 3, 4, 5], 'triage levels');
    assert.equal(new Set(Object.values(TRIAGE_SWATCHES).map((s) => s.colour)).size, 5, 'triage colours are distinct');
  });
});

describe('projectRow', () => {
  it('drops the fields of columns a screen does not show', () => {
    const row = { key: 'bed:b1', encounterId: 'e1', bed: { id: 'b1', name: 'Seng 1', status: 'occupied' as const }, patient: { id: 'p1', name: 'A.M.J.' }, comment: 'Tolk', flags: ['cave' as const], pendingTests: ['Hb'], tasks: [], responsibleNurse: 'Sofie' };
    const wall = resolveTemplate(PSYCHIATRIC_WARD_TEMPLATE, 'wall', true);
    const projected = projectRow(row, wall.columns.map((c) => c.id));
    assert.deepEqual(projected, { key: 'bed:b1', encounterId: 'e1', bed: row.bed, patient: row.patient, flags: ['cave'], pendingTests: [], tasks: [], responsibleNurse: 'Sofie' }, 'no comment, no pending tests');
  });
});
