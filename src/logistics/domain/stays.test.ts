/** Placing stays on wards: the less common shapes of Encounter.location. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexPlaces } from './places.ts';
import { refId, refKey } from './refs.ts';
import { indexSnapshot, type LogisticsSnapshot } from './snapshot.ts';
import { placeStays } from './stays.ts';
import { hospital, NOW, ref, stay, task, ward } from './test-fixtures.ts';

const placed = (s: LogisticsSnapshot) => {
  const index = indexSnapshot(s);
  const stays = placeStays(index, indexPlaces(index.locations), NOW);
  return { stays, summary: stays.placements.map((p) => `${p.encounter.id}@${p.wardId}:${p.whereabouts}${p.bedId ? `:${p.bedId}` : ''}`) };
};

describe('placeStays', () => {
  it('puts a stay with only a ward-level location on the ward without a bed', () => {
    const s = hospital();
    s.encounters.push(stay('e', 'p', { unit: 'MED', at: [['M1', 'active']] }));
    assert.deepEqual(placed(s).summary, ['e@M1:on-ward'], 'on the ward');
  });
  it('puts a stay with no usable location on its home ward as unknown', () => {
    const s = hospital();
    s.encounters.push(stay('e', 'p', { unit: 'MED', at: [['nowhere', 'active']] }), stay('f', 'p2', { unit: 'NONE' }));
    assert.deepEqual(placed(s).summary, ['e@M1:unknown'], 'home ward from serviceProvider; a stay with no ward at all is nowhere');
  });
  it('puts a patient on leave without a held bed on the home ward', () => {
    const s = hospital();
    s.encounters.push(stay('e', 'p', { unit: 'KIR', status: 'onleave' }));
    assert.deepEqual(placed(s).summary, ['e@K1:on-leave'], 'on leave, K1');
  });
  it('prefers the most specific active place, and the away place over the bed', () => {
    const s = hospital();
    s.encounters.push(
      stay('a', 'p1', { unit: 'MED', at: [['M1-s1-b1', 'active'], ['M1-s1', 'active'], ['M1', 'active']] }),
      stay('b', 'p2', { unit: 'MED', at: [['M1-s2-b1', 'active'], ['op3', 'active']] }),
    );
    const { stays, summary } = placed(s);
    assert.deepEqual(summary, ['a@M1:in-bed:M1-s1-b1', 'b@M1:away:M1-s2-b1'], 'bed over room and ward; theatre with the bed held');
    assert.equal(stays.bedHolds.get('M1-s2-b1')?.whereabouts, 'away', 'the held bed knows its patient is away');
  });
  it('places a theatre patient on the home ward of the unit even when lying on another ward', () => {
    const s = hospital();
    s.encounters.push(stay('e', 'p', { unit: 'KIR', at: [['M1-s1-b1', 'reserved'], ['op3', 'active']] }));
    const { stays, summary } = placed(s);
    assert.deepEqual(summary, ['e@K1:away'], 'counted on K1 (stamafdeling)');
    assert.ok(stays.bedHolds.has('M1-s1-b1'), 'the M1 bed is still held');
  });
  it('makes a stay incoming on the planned ward while present on another', () => {
    const s = hospital();
    s.encounters.push(stay('e', 'p', { unit: 'KIR', at: [['K1-s1-b1', 'active'], ['M1-s2-b2', 'planned']] }));
    assert.deepEqual(placed(s).summary, ['e@K1:in-bed:K1-s1-b1', 'e@M1:incoming'], 'present on K1, incoming on M1');
  });
  it('sends an incoming transfer to the first ward of a unit with several, or to a Location owner', () => {
    const s = hospital();
    s.locations.push(ward('M0', 'Medicinsk afsnit M0', 'MED'));
    s.encounters.push(stay('e', 'p', { unit: 'KIR', at: [['K1-s1-b1', 'active']] }), stay('f', 'q', { unit: 'KIR', at: [['K1-s1-b2', 'active']] }));
    s.tasks.push(
      task('t', 'overflytning', 'requested', { focus: ref('Encounter', 'e'), requester: ref('Organization', 'KIR'), owner: ref('Organization', 'MED') }),
      task('u', 'overflytning', 'requested', { focus: ref('Encounter', 'f'), requester: ref('Organization', 'KIR'), owner: ref('Location', 'M1') }),
    );
    const { stays, summary } = placed(s);
    assert.deepEqual(summary.filter((x) => x.includes('incoming')), ['e@M0:incoming', 'f@M1:incoming'], 'incoming wards');
    assert.equal(stays.placements.find((p) => p.encounter.id === 'e' && p.whereabouts === 'incoming')?.transferTaskId, 't', 'the transfer is named');
  });
  it('sends an incoming transfer to the receiving ward named in Task.location', () => {
    const s = hospital();
    s.locations.push(ward('M0', 'Medicinsk afsnit M0', 'MED'));
    s.encounters.push(stay('e', 'p', { unit: 'KIR', at: [['K1-s1-b1', 'active']] }));
    s.tasks.push(task('t', 'overflytning', 'accepted', { focus: ref('Encounter', 'e'), requester: ref('Organization', 'KIR'), owner: ref('Organization', 'MED'), location: ref('Location', 'M1') }));
    assert.deepEqual(placed(s).summary, ['e@K1:in-bed:K1-s1-b1', 'e@M1:incoming'], 'M1, not the unit’s first ward M0');
  });
});

describe('refs', () => {
  it('reads relative, absolute and versioned references', () => {
    assert.equal(refKey({ reference: 'Location/b1' }), 'Location/b1', 'relative');
    assert.equal(refKey({ reference: 'https://fhir.example/R4/Location/b1/_history/3' }), 'Location/b1', 'absolute with history');
    assert.equal(refKey({ reference: 'urn:uuid:123' }), undefined, 'urn');
    assert.equal(refId({ reference: 'Location/b1' }, 'Patient'), undefined, 'wrong type');
    assert.equal(refId({ reference: 'Location/b1' }, 'Location'), 'b1', 'id');
  });
});
