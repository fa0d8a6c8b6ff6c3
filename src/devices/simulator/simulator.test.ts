/** The simulator's messages are valid PCD-01 that Kerne maps as intended, and its deteriorating patients climb through the NEWS2 bands. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NEWS2_RCP_2017, scoreVitals } from '../../early-warning/domain/index.ts';
import { interpretDeviceMessage } from '../hl7/index.ts';
import { monitorMessage, patientCourse } from './index.ts';

const news2 = (v: ReturnType<ReturnType<typeof patientCourse>['at']>) => {
  const result = scoreVitals(NEWS2_RCP_2017, { ...v, consciousness: 'A', supplementalOxygen: false }, { now: new Date() });
  assert.equal(result.status, 'complete', 'a complete set');
  return result.status === 'complete' ? result.total : NaN;
};

describe('device simulator', () => {
  it('sends a PCD-01 message Kerne reads as seven mapped readings of the monitor, at the given time', () => {
    const at = new Date('2026-11-29T10:00:00Z');
    const text = monitorMessage({ eui64: '0A1B2C0000000003', controlId: 'sim-1', at, vitals: { heartRate: 80, respiratoryRate: 15, spo2: 96, systolic: 120, diastolic: 70, temperature: 36.9 } });
    const result = interpretDeviceMessage(text, { senderTimeZone: 'Europe/Copenhagen', receivedAt: at });
    assert.ok(result.ok, `accepted: ${JSON.stringify(!result.ok && result.error)}`);
    if (!result.ok) return;
    assert.deepEqual(result.header.acceptAck, 'AL', 'asks for a commit ACK');
    assert.deepEqual(result.readings.map((r) => r.loinc).sort(), ['8310-5', '8462-4', '8478-0', '8480-6', '8867-4', '9279-1', '59408-5'].sort(), 'the seven vital signs by LOINC');
    assert.ok(result.readings.every((r) => r.deviceId === '0A1B2C0000000003' && !r.problem), 'all from the monitor, none set aside');
    assert.ok(result.readings.every((r) => r.observedAt === at.toISOString() || r.observedAt === '2026-11-29T10:00:00.000Z'), 'at the given time');
  });

  it('stable patients stay low; a deteriorating patient climbs to the emergency threshold over the ramp', () => {
    const stable = patientCourse(1);
    const worse = patientCourse(3, { rampMinutes: 10 });
    assert.equal(stable.deteriorates, false, 'bed 1 is stable');
    assert.equal(worse.deteriorates, true, 'bed 3 deteriorates');
    for (const minutes of [0, 5, 10, 30]) assert.ok(news2(stable.at(minutes * 60_000)) <= 3, `stable at ${minutes} min`);
    assert.ok(news2(worse.at(0)) <= 3, 'starts low');
    assert.ok(news2(worse.at(10 * 60_000)) >= 7, `ends at or above 7: ${news2(worse.at(10 * 60_000))}`);
  });
});
