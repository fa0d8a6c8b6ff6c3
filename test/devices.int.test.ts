/**
 * Device integration over real MLLP sockets, on both stores: the shared device messages each get
 * their expected answer, framing survives split and coalesced frames and stray bytes, several senders
 * at once, every acknowledgement mode, transport and observation de-duplication, time zones and
 * ordering, binding through the bed and through an explicit association (and its withdrawal), the
 * holding area and set-aside readings, and alarms recorded as alarms.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Communication, Observation } from '@medplum/fhirtypes';
import { monitorMessage } from '../src/devices/simulator/index.ts';
import { connectMllp, msaOf, type MllpTestClient } from './support/mllp-client.ts';
import { createMonitoredWard, MOBILE_EUI64, monitorEui64, type MonitoredWard } from './support/monitored-ward.ts';
import { startTestKerne, type TestKerne } from './support/kerne.ts';
import { STORES } from './support/stores.ts';

const FIXTURES = new URL('../../shared/standards/hl7v2-devices/', import.meta.url);
const VITALS = { heartRate: 72, respiratoryRate: 16, spo2: 97, systolic: 125, diastolic: 75, temperature: 37.0 };

/** What Kerne answers each shared example (MSA-1 codes in order) and why. */
const EXPECTED: Record<string, { codes: string[]; note: string }> = {
  'ipf-pcd01-nibp-request.hl7': { codes: ['AA'], note: 'NE/AL: application ACK; device not bound → held' },
  'ipf-pcd01-gateway-multiparam.hl7': { codes: ['AA'], note: 'NE/AL gateway; held' },
  'ipf-pcd01-ack-AA.hl7': { codes: ['AR'], note: 'an ACK is not a message Kerne accepts' },
  'ipf-pcd01-ack-wrong-version.hl7': { codes: ['AR'], note: 'an ACK in v2.5' },
  'ipf-continua-wan-bp.hl7': { codes: ['AA'], note: 'Continua BP' },
  'ipf-continua-wan-thermometer.hl7': { codes: ['AA'], note: '°F thermometer' },
  'ipf-continua-wan-scale.hl7': { codes: ['AA'], note: 'two OBR groups' },
  'ipf-continua-wan-glucose-invalid.hl7': { codes: ['AR'], note: 'empty OBX-2 with a value: rejected' },
  'bbraun-pcd04-syringe-holder-open-1-start.hl7': { codes: ['CA'], note: 'PCD-04 alarm, AL/NE' },
  'bbraun-pcd04-syringe-holder-open-3-minimized.hl7': { codes: ['CA'], note: 'PCD-04 alarm update' },
  'bbraun-pcd03-rgv-o15-infusion-order.hl7': { codes: ['CR', 'AR'], note: 'RGV^O15 unsupported; AL/AL: both ACKs' },
  'mindray-pcd01-waveform-ecg-pleth.hl7': { codes: ['CA'], note: 'waveforms stay out of the record' },
};

const controlIdOf = (text: string) => text.split(/\r\n|\r|\n/)[0]!.split('|')[9]!;

for (const store of STORES) {
  describe(`device integration over MLLP (${store.name})`, () => {
    let t: TestKerne;
    let ward: MonitoredWard;
    let port: number;
    let n = 0;
    const next = () => `T${Date.now().toString(36)}${++n}`;
    const observationsOf = async (patient: string) =>
      (await t.kerne.repo.search({ resourceType: 'Observation', params: [['subject', `Patient/${patient}`], ['_count', '1000']], baseUrl: '', handling: 'strict' })).entries.map((e) => JSON.parse(e.json) as Observation);
    const heldRows = async () => t.kerne.db.query<{ key: string; state: string; reason: string; device_id: string }>('SELECT key, state, reason, device_id FROM device_reading_outside');
    let client: MllpTestClient;

    before(async () => {
      t = await startTestKerne(store, { deviceSenders: JSON.stringify({ 'AASENDER@KERNE_SIM': { ack: 'application-only' } }) });
      ward = await createMonitoredWard(t);
      port = (await t.kerne.devices.listen(0))!;
      client = await connectMllp(port);
    });
    after(async () => {
      client.close();
      await t.close();
    });

    it('answers every shared device message as expected', async (ctx) => {
      if (!existsSync(FIXTURES)) return ctx.skip('../shared/standards/hl7v2-devices is not beside this checkout');
      const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.hl7')).sort();
      assert.deepEqual(files, Object.keys(EXPECTED).sort(), 'an expectation for every file');
      for (const file of files) {
        const text = readFileSync(new URL(file, FIXTURES), 'utf8'); // as the files are: CR, LF or CRLF
        client.send(text);
        const codes: string[] = [];
        for (const _ of EXPECTED[file]!.codes) {
          const ack = msaOf(await client.next());
          codes.push(ack.code);
          if (!['ipf-pcd01-ack-AA.hl7', 'ipf-pcd01-ack-wrong-version.hl7'].includes(file)) assert.equal(ack.controlId, controlIdOf(text), `${file}: MSA-2 echoes MSH-10`);
          if (ack.code.endsWith('R')) assert.match(ack.err ?? '', /^ERR\|/, `${file}: a reject carries an ERR segment`);
        }
        assert.deepEqual(codes, EXPECTED[file]!.codes, `${file}: ${EXPECTED[file]!.note}`);
      }
      const held = await heldRows();
      assert.ok(held.some((r) => r.state === 'held' && /bound|associated/.test(r.reason)), `unbound devices' readings are held: ${JSON.stringify(held.slice(0, 3))}`);
      assert.ok(held.some((r) => r.state === 'aside'), 'sentinels and INOP rows are set aside');
      const alarms = await t.kerne.repo.search({ resourceType: 'Communication', params: [], baseUrl: '', handling: 'strict' });
      const alarm = JSON.parse(alarms.entries[0]!.json) as Communication;
      assert.equal(alarms.entries.length, 1, 'the two B. Braun messages are one alarm (one alert event)');
      assert.equal(alarm.subject, undefined, 'an alarm of an unknown patient is filed to no one');
      const charted = await t.kerne.repo.search({ resourceType: 'Observation', params: [], baseUrl: '', handling: 'strict' });
      assert.equal(charted.entries.length, 0, 'nothing was filed to a chart: no device in the examples is bound to a patient');
    });

    it('charts a bound monitor’s readings to the patient in the bed, preliminary, with LOINC and the device', async () => {
      const at = new Date(Date.now() - 60_000);
      const controlId = next();
      client.send(monitorMessage({ eui64: monitorEui64('med', 1), controlId, at, vitals: VITALS }));
      const ack = msaOf(await client.next());
      assert.deepEqual([ack.code, ack.controlId], ['CA', controlId], 'a commit ACK for AL/NE');
      const obs = await observationsOf(ward.ids.p1!);
      assert.equal(obs.length, 7, `seven readings: ${obs.map((o) => o.code.coding?.[0]?.code).join(',')}`);
      const hr = obs.find((o) => o.code.coding?.some((c) => c.code === '8867-4'));
      assert.equal(hr?.status, 'preliminary', 'device readings wait for the nurse');
      assert.equal(hr?.valueQuantity?.value, 72, 'the value');
      assert.equal(hr?.valueQuantity?.code, '/min', 'UCUM unit');
      assert.equal(hr?.device?.reference, `Device/${ward.ids.medMonitor1}`, 'the registered monitor');
      assert.equal(hr?.encounter?.reference, `Encounter/${ward.ids.enc_p1}`, 'the stay in that bed');
      assert.ok(hr?.code.coding?.some((c) => c.system === 'urn:iso:std:iso:11073:10101' && c.code === '147842'), 'the original MDC code is kept');
      assert.equal(new Date(hr!.effectiveDateTime!).getTime(), Math.floor(at.getTime() / 1000) * 1000, 'observation time from OBX-14');
    });

    it('a repeated MSH-10 gets the original answer and adds nothing; the same reading under a new MSH-10 is not stored twice', async () => {
      const at = new Date(Date.now() - 120_000);
      const controlId = next();
      const text = monitorMessage({ eui64: monitorEui64('med', 2), controlId, at, vitals: VITALS });
      client.send(text);
      const first = await client.next();
      const before = (await observationsOf(ward.ids.p2!)).length;
      client.send(text);
      const again = await client.next();
      assert.equal(again, first, 'the same answer, byte for byte');
      client.send(text.replace(`|${controlId}|`, `|${controlId}-resent|`));
      assert.equal(msaOf(await client.next()).code, 'CA', 'the re-sent reading is acknowledged');
      assert.equal((await observationsOf(ward.ids.p2!)).length, before, 'and not stored twice');
      const [row] = await t.kerne.db.query<{ n: string }>('SELECT count(*)::text AS n FROM device_message WHERE control_id = $1', [controlId]);
      assert.equal(row?.n, '1', 'one transport record');
    });

    it('frames split at every byte, frames together in one chunk, and stray bytes between frames', async () => {
      const raw = await connectMllp(port);
      try {
        const a = monitorMessage({ eui64: monitorEui64('med', 3), controlId: next(), at: new Date(Date.now() - 300_000), vitals: VITALS });
        const b = monitorMessage({ eui64: monitorEui64('med', 3), controlId: next(), at: new Date(Date.now() - 240_000), vitals: VITALS });
        const frameA = Buffer.concat([Buffer.from([0x0b]), Buffer.from(a), Buffer.from([0x1c, 0x0d])]);
        for (let i = 0; i < frameA.length; i += 7) await raw.write(frameA.subarray(i, i + 7));
        assert.equal(msaOf(await raw.next()).controlId, controlIdOf(a), 'a frame written in 7-byte pieces');
        const frameB = Buffer.concat([Buffer.from([0x0b]), Buffer.from(b), Buffer.from([0x1c, 0x0d])]);
        await raw.write(Buffer.concat([Buffer.from('garbage\r\n'), frameB.subarray(0, frameB.length - 1)]));
        await raw.write(Buffer.concat([frameB.subarray(frameB.length - 1), Buffer.from('\n\n')]));
        assert.equal(msaOf(await raw.next()).controlId, controlIdOf(b), 'stray bytes skipped; FS and CR in different chunks');
        const c = monitorMessage({ eui64: monitorEui64('med', 3), controlId: next(), at: new Date(Date.now() - 180_000), vitals: VITALS });
        const d = monitorMessage({ eui64: monitorEui64('med', 3), controlId: next(), at: new Date(Date.now() - 170_000), vitals: VITALS }).replace(/\r/g, '\n');
        await raw.write(Buffer.concat([c, d].map((m) => Buffer.concat([Buffer.from([0x0b]), Buffer.from(m), Buffer.from([0x1c, 0x0d])]))));
        assert.deepEqual([msaOf(await raw.next()).controlId, msaOf(await raw.next()).controlId], [controlIdOf(c), controlIdOf(d)], 'two frames in one chunk, answered in order (LF segment ends too)');
      } finally {
        raw.close();
      }
    });

    it('several senders at once: every message acknowledged once, every reading stored once', async () => {
      const senders = await Promise.all([1, 2, 3, 4].map(() => connectMllp(port)));
      const per = 10;
      const start = Date.now() - 1_800_000; // within the stay (it began an hour ago)
      const before = (await observationsOf(ward.ids.icu1!)).length;
      const sent = senders.map((s, i) =>
        Array.from({ length: per }, (_, k) => {
          const id = next();
          // all four send for the same ICU monitor, at distinct times
          s.send(monitorMessage({ eui64: monitorEui64('icu', 1), controlId: id, at: new Date(start + (i * per + k) * 1000), vitals: VITALS }));
          return id;
        }),
      );
      for (const [i, s] of senders.entries()) {
        const acks = [];
        for (let k = 0; k < per; k++) acks.push(msaOf(await s.next()));
        assert.deepEqual(acks.map((a) => a.controlId), sent[i], `sender ${i}: answers in order`);
        assert.ok(acks.every((a) => a.code === 'CA'), `sender ${i}: all CA`);
        s.close();
      }
      const after = await observationsOf(ward.ids.icu1!);
      assert.equal(after.length - before, 4 * per * 7, 'every reading once');
      assert.ok(after.every((o) => o.status === 'final'), 'an auto-finalising unit charts device readings as final');
    });

    it('acknowledgement modes: AL/NE → CA, NE/AL → AA, AL/AL → CA then AA, NE/NE → none, original mode → AA, per-sender AA instead of CA', async () => {
      const withModes = (accept: string, app: string, sender = `KERNE_SIM^${monitorEui64('med', 3)}^EUI-64`) => {
        const id = next();
        const text = monitorMessage({ eui64: monitorEui64('med', 3), controlId: id, at: new Date(Date.now() - 5_000 - n * 1000), vitals: VITALS })
          .replace('|P|2.6|||AL|NE|', `|P|2.6|||${accept}|${app}|`)
          .replace(`KERNE_SIM^${monitorEui64('med', 3)}^EUI-64`, sender);
        return { id, text };
      };
      const codes = async (accept: string, app: string, count: number, sender?: string) => {
        const m = withModes(accept, app, sender);
        client.send(m.text);
        const out = [];
        for (let i = 0; i < count; i++) out.push(msaOf(await client.next()).code);
        return out;
      };
      assert.deepEqual(await codes('AL', 'NE', 1), ['CA'], 'AL/NE');
      assert.deepEqual(await codes('NE', 'AL', 1), ['AA'], 'NE/AL');
      assert.deepEqual(await codes('AL', 'AL', 2), ['CA', 'AA'], 'AL/AL');
      assert.deepEqual(await codes('', '', 1), ['AA'], 'original mode');
      const silent = withModes('NE', 'NE');
      client.send(silent.text);
      assert.deepEqual(await codes('AL', 'NE', 1), ['CA'], 'NE/NE is not answered: the next answer is the next message’s');
      const [row] = await t.kerne.db.query<{ n: string }>('SELECT count(*)::text AS n FROM device_message WHERE control_id = $1', [silent.id]);
      assert.equal(row?.n, '1', 'the unanswered message was stored all the same');
      assert.deepEqual(await codes('AL', 'NE', 1, 'AASENDER'), ['AA'], 'a sender configured for AA gets AA instead of CA');
    });

    it('rejects what it cannot take, saying why, and stores nothing of it', async () => {
      client.send('MSH|^~\\&|X|Y|||20260101000000+0000||ADT^A01|BAD1|P|2.6|||AL|NE\rPID|||1');
      const adt = msaOf(await client.next());
      assert.equal(adt.code, 'CR', 'an ADT message gets a commit reject');
      assert.match(adt.err ?? '', /200/, 'ERR with table 0357 code 200 (unsupported message type)');
      client.send('this is not HL7');
      assert.equal(msaOf(await client.next()).code, 'AR', 'garbage gets an AR');
      const [row] = await t.kerne.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM device_message WHERE control_id = 'BAD1'`);
      assert.equal(row?.n, '0', 'a rejected message is not recorded as received');
    });

    it('orders by observation time: a late older reading never becomes the latest; offset-less times use the sender’s zone', async () => {
      const eui = monitorEui64('med', 1);
      const newer = new Date(Date.now() - 30_000);
      const older = new Date(Date.now() - 90_000);
      client.send(monitorMessage({ eui64: eui, controlId: next(), at: newer, vitals: { ...VITALS, heartRate: 88 } }));
      await client.next();
      client.send(monitorMessage({ eui64: eui, controlId: next(), at: older, vitals: { ...VITALS, heartRate: 66 } }));
      await client.next();
      const latest = (await t.kerne.repo.search({ resourceType: 'Observation', params: [['subject', `Patient/${ward.ids.p1}`], ['code', 'http://loinc.org|8867-4'], ['_sort', '-date'], ['_count', '1']], baseUrl: '', handling: 'strict' })).entries[0];
      assert.equal((JSON.parse(latest!.json) as Observation).valueQuantity?.value, 88, 'the newest by time, not by arrival');
      // Summer time in Copenhagen: 12:00 local is 10:00Z.
      const summer = monitorMessage({ eui64: eui, controlId: next(), at: new Date('2026-07-01T10:00:00Z'), vitals: { ...VITALS, heartRate: 61 } }).replace(/20260701100000\+0000/g, '20260701120000');
      client.send(summer);
      await client.next();
      const obs = (await observationsOf(ward.ids.p1!)).find((o) => o.valueQuantity?.value === 61);
      assert.equal(obs, undefined, 'a reading from before the stay is not filed to the patient in the bed now');
      const held = await t.kerne.db.query<{ observed_at: Date | string }>(`SELECT observed_at FROM device_reading_outside WHERE reading->>'value' = '61'`);
      assert.equal(held[0] && new Date(held[0].observed_at).toISOString(), '2026-07-01T10:00:00.000Z', 'offset-less local time read in Europe/Copenhagen (CEST)');
    });

    it('the transport record is a window: records past the retention are forgotten', async () => {
      await t.kerne.db.query(`INSERT INTO device_message (sender, control_id, message_type, ack, received_at) VALUES ('OLD', 'old-1', 'ORU^R01', '[]', now() - interval '30 days')`);
      const before = await t.kerne.db.query<{ n: string }>('SELECT count(*)::text AS n FROM device_message');
      assert.equal(await t.kerne.devices.pruneTransportRecord(), 1, 'the 30-day-old record goes (retention 7 days)');
      const after = await t.kerne.db.query<{ n: string }>('SELECT count(*)::text AS n FROM device_message');
      assert.equal(Number(after[0]!.n), Number(before[0]!.n) - 1, 'the recent ones stay');
    });

    it('operators see the inbox in /metrics: messages by outcome, readings by destination, connections', async () => {
      const metrics = async () => {
        const res = await t.request('GET', '/metrics');
        assert.equal(res.status, 200, 'metrics');
        return (line: string) => Number(res.text.split('\n').find((l) => l.startsWith(line))?.split(' ').pop() ?? NaN);
      };
      const names = ['messages_total{outcome="accepted"}', 'messages_total{outcome="duplicate"}', 'messages_total{outcome="rejected"}', 'readings_total{destination="charted"}', 'readings_total{destination="held"}'];
      const before = await metrics();
      const bound = monitorMessage({ eui64: monitorEui64('med', 2), controlId: next(), at: new Date(Date.now() - 15_000), vitals: VITALS });
      client.send(bound);
      await client.next();
      client.send(bound);
      await client.next();
      client.send(monitorMessage({ eui64: '00DD000000000001', controlId: next(), at: new Date(Date.now() - 16_000), vitals: VITALS }));
      await client.next();
      client.send('MSH|^~\\&|X|Y|||20260101000000+0000||ADT^A01|BAD2|P|2.6|||AL|NE\rPID|||1');
      await client.next();
      const after = await metrics();
      const delta = names.map((n) => after(`kerne_device_${n}`) - before(`kerne_device_${n}`));
      assert.deepEqual(delta, [2, 1, 1, 7, 7], `accepted, duplicate, rejected messages; charted and held readings (${names.join(', ')})`);
      assert.ok(after('kerne_device_connections') >= 1, 'the open connection');
    });

    it('a mobile device: associated by a nurse, its readings filed to that patient; withdrawn, they leave the record for the holding area', async () => {
      const as = { authorization: `Bearer ${ward.tokens.nurse}`, 'content-type': 'application/json' };
      const before = await connectMllp(port);
      before.send(monitorMessage({ eui64: MOBILE_EUI64, controlId: next(), at: new Date(Date.now() - 10_000), vitals: VITALS }));
      await before.next();
      assert.equal((await observationsOf(ward.ids.p3!)).length, 0, 'not associated yet: held');
      const scanned = await t.request('GET', `/api/vitals/devices?code=${encodeURIComponent('00-BB-00-00-00-00-00-01')}`, undefined, as);
      assert.equal(scanned.status, 200, scanned.text);
      assert.deepEqual([scanned.json.id, scanned.json.kind, scanned.json.association], [ward.ids.mobile, 'mobile', undefined], 'a scanned label finds the free mobile device');
      const unknown = await t.request('GET', '/api/vitals/devices?code=0000000000000000', undefined, as);
      assert.equal(unknown.status, 404, 'an unknown code is a 404');
      const assoc = await t.request('POST', `/api/vitals/devices/${ward.ids.mobile}/associate`, { patientId: ward.ids.p3 }, as);
      assert.equal(assoc.status, 201, assoc.text);
      const wardView = await t.request('GET', `/api/vitals/wards/${ward.ids.medWard}`, undefined, as);
      const devices = wardView.json.devices as { id: string; kind: string; bed?: string; association?: { patientId: string } }[];
      assert.ok(devices.some((d) => d.kind === 'fixed' && d.bed === 'Seng 1'), 'the ward’s fixed monitors with their beds');
      assert.equal(devices.find((d) => d.id === ward.ids.mobile)?.association?.patientId, ward.ids.p3, 'the mobile device with its patient');
      const clash = await t.request('POST', `/api/vitals/devices/${ward.ids.mobile}/associate`, { patientId: ward.ids.p1 }, as);
      assert.equal(clash.status, 409, 'one patient at a time');
      before.send(monitorMessage({ eui64: MOBILE_EUI64, controlId: next(), at: new Date(Date.now() + 1_000), vitals: VITALS }));
      await before.next();
      before.close();
      const filed = await observationsOf(ward.ids.p3!);
      assert.equal(filed.length, 7, 'readings after the association are filed to the patient');
      const withdraw = await t.request('POST', `/api/vitals/associations/${assoc.json.id}/withdraw`, { reason: 'Forkert patient scannet ved sengen' }, as);
      assert.equal(withdraw.status, 200, withdraw.text);
      assert.equal(withdraw.json.withdrawn, 7, 'all seven withdrawn');
      const afterwards = await observationsOf(ward.ids.p3!);
      assert.ok(afterwards.every((o) => o.status === 'entered-in-error'), 'out of the record (entered-in-error, kept in history)');
      const held = (await heldRows()).filter((r) => r.state === 'held' && r.reason.includes('Forkert patient'));
      assert.equal(held.length, 7, 'back in the holding area with the reason');
      const assign = await t.request('POST', '/api/vitals/held/assign', { readingIds: held.map((r) => r.key), patientId: ward.ids.p1 }, as);
      assert.equal(assign.status, 200, assign.text);
      const again = await t.request('POST', '/api/vitals/held/assign', { readingIds: held.map((r) => r.key), patientId: ward.ids.p1 }, as);
      assert.equal(again.status, 409, 'filed once only');
    });
  });
}
