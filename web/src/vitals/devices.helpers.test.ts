import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeviceView } from '../../../src/vitals/api-types.ts';
import { activeAssociation, associatedPatientName, associationUntil, deviceLabel, fixedByBed, isEui64, mobileInUse, normaliseDeviceCode, reasonMissing } from './devices.helpers.ts';

const NOW = Date.parse('2025-01-15T12:00:00Z');

const mobile = (id: string, patientName: string | undefined, extra: Partial<NonNullable<DeviceView['association']>> = {}): DeviceView => ({
  id,
  name: `Mobil ${id}`,
  kind: 'mobile',
  association: { id: `a-${id}`, deviceId: id, patientId: `p-${patientName ?? id}`, start: '2025-01-15T10:00:00Z', status: 'active', ...(patientName ? { patientName } : {}), ...extra },
});
const fixed = (id: string, bed?: string): DeviceView => ({ id, name: `Monitor ${id}`, kind: 'fixed', ...(bed ? { bed } : {}) });

describe('normaliseDeviceCode', () => {
  it('turns an EUI-64 with dashes, colons, spaces or in lower case into 16 upper-case hex digits', () => {
    for (const input of ['0A1B2C0000000007', '0a1b2c0000000007', '0A-1B-2C-00-00-00-00-07', '0a:1b:2c:00:00:00:00:07', ' 0A1B 2C00 0000 0007 ', '0A1B2C-0000000007'])
      assert.equal(normaliseDeviceCode(input), '0A1B2C0000000007', input);
  });
  it('drops a scanner’s control characters', () => {
    assert.equal(normaliseDeviceCode('0A1B2C0000000007\r\n'), '0A1B2C0000000007');
    assert.equal(normaliseDeviceCode('\u001d0a-1b-2c-00-00-00-00-07\t'), '0A1B2C0000000007');
  });
  it('leaves a serial number as typed (only trimmed)', () => {
    assert.equal(normaliseDeviceCode('  SN-4711-ab '), 'SN-4711-ab');
    assert.equal(normaliseDeviceCode('0A1B2C00000000'), '0A1B2C00000000', 'too short for an EUI-64');
    assert.equal(normaliseDeviceCode('0A1B2C000000000G'), '0A1B2C000000000G', 'not hex');
  });
  it('gives "" for nothing', () => {
    assert.equal(normaliseDeviceCode(' \r\n'), '');
  });
  it('tells an EUI-64 from a serial number', () => {
    assert.equal(isEui64('0a:1b:2c:00:00:00:00:07'), true);
    assert.equal(isEui64('SN-4711'), false);
  });
});

describe('the ward’s devices', () => {
  it('names a device by its name, code or id', () => {
    assert.equal(deviceLabel({ id: 'd', name: 'Monitor 1', code: 'C' }), 'Monitor 1');
    assert.equal(deviceLabel({ id: 'd', code: 'C' }), 'C');
    assert.equal(deviceLabel({ id: 'd' }), 'd');
  });

  it('lists the mobile devices in use by patient, without ended, withdrawn or expired associations and without fixed monitors', () => {
    const list = mobileInUse(
      [
        mobile('9', 'Mette Hansen'),
        fixed('1', 'Stue 1, Seng 1'),
        mobile('7', 'Karen Jensen'),
        mobile('8', 'Anders And', { status: 'completed', end: '2025-01-15T11:00:00Z' }),
        mobile('6', 'Bo Ærø', { status: 'entered-in-error' }),
        mobile('5', 'Åse Ø', { end: '2025-01-15T11:59:00Z' }),
        mobile('4', 'Åse Ø', { end: '2025-01-15T13:00:00Z' }),
        { id: 'free', kind: 'mobile' },
      ],
      NOW,
    );
    assert.deepEqual(list.map((d) => d.id), ['7', '9', '4']);
  });

  it('knows an association in force', () => {
    assert.ok(activeAssociation(mobile('1', 'X'), NOW));
    assert.equal(activeAssociation(mobile('1', 'X', { end: '2025-01-15T12:00:00Z' }), NOW), undefined, 'ends now');
    assert.equal(activeAssociation({ id: 'f', kind: 'mobile' }, NOW), undefined);
  });

  it('finds the patient’s name from the server or the ward', () => {
    assert.equal(associatedPatientName(mobile('1', 'Karen Jensen'), []), 'Karen Jensen');
    const unnamed = mobile('2', undefined, { patientId: 'p-mette' });
    assert.equal(associatedPatientName(unnamed, [{ id: 'p-mette', name: 'Mette Hansen' }]), 'Mette Hansen');
    assert.equal(associatedPatientName(unnamed, []), undefined, 'another ward’s patient');
    assert.equal(associatedPatientName({ id: 'f', kind: 'mobile' }, []), undefined);
  });

  it('orders fixed monitors by bed, numbers as numbers, those without a bed last', () => {
    const list = fixedByBed([fixed('x'), fixed('10', 'Stue 1, Seng 10'), mobile('m', 'A'), fixed('2', 'Stue 1, Seng 2'), fixed('20', 'Stue 2, Seng 1')]);
    assert.deepEqual(list.map((d) => d.id), ['2', '10', '20', 'x']);
  });
});

describe('withdrawal reason and end time', () => {
  it('counts the characters a reason lacks, not counting surrounding space', () => {
    assert.equal(reasonMissing(''), 10);
    assert.equal(reasonMissing('  Forkert  '), 3);
    assert.equal(reasonMissing('Forkert patient'), 0);
  });

  it('reads the optional end time', () => {
    assert.deepEqual(associationUntil('', NOW), {});
    assert.deepEqual(associationUntil('not a time', NOW), { problem: 'invalid' });
    assert.deepEqual(associationUntil('2025-01-14T10:00', NOW), { problem: 'past' });
    assert.deepEqual(associationUntil('2099-01-15T10:00', NOW), { until: new Date('2099-01-15T10:00').toISOString() });
  });
});
