/** Capacity by the AAUH rules and variants: leave, companion, day treatment, incoming, corridor, theatre on the home ward, blocked and cleaning beds. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AAUH_CAPACITY_RULES, bedOverview, wardCapacity, type CapacityRules } from './capacity.ts';
import { NOW, wardScenario } from './test-fixtures.ts';

const rules = (change: Partial<CapacityRules>): CapacityRules => ({ ...AAUH_CAPACITY_RULES, ...change });

describe('wardCapacity (AAUH rules)', () => {
  const s = wardScenario();
  it('counts beds by status and patients by the rules on the medical ward', () => {
    assert.deepEqual(wardCapacity(s, 'M1', AAUH_CAPACITY_RULES, NOW), {
      wardId: 'M1', wardName: 'Medicinsk afsnit M1', unitId: 'MED',
      beds: 6, // corridor and day room are not beds
      occupied: 3, // Anna; the companion's bed; the bed held for the patient on leave
      free: 1, cleaning: 1, blocked: 1,
      incoming: 3, // a planned stay, an arrived patient with a planned bed, the transfer from K1
      counted: 3, // Anna, the corridor patient, the medical patient in theatre (home ward)
      notCounted: 3, // companion, leave, day treatment
    }, 'M1 capacity');
  });
  it('counts a surgical patient in recovery on the home ward, with the bed held', () => {
    const k1 = wardCapacity(s, 'K1', AAUH_CAPACITY_RULES, NOW);
    assert.deepEqual({ beds: k1.beds, occupied: k1.occupied, free: k1.free, counted: k1.counted, incoming: k1.incoming }, { beds: 2, occupied: 2, free: 0, counted: 2, incoming: 0 }, 'K1: transfer patient and recovery patient counted');
  });
  it('follows the configured rules', () => {
    assert.equal(wardCapacity(s, 'M1', rules({ countOnLeave: true }), NOW).counted, 4, 'leave counts when configured');
    assert.equal(wardCapacity(s, 'M1', rules({ excludedStayKinds: [] }), NOW).counted, 5, 'companion and day treatment count when not excluded');
    const noAway = wardCapacity(s, 'M1', rules({ awayCountsOnHomeWard: false }), NOW);
    assert.deepEqual([noAway.counted, noAway.notCounted], [2, 4], 'theatre patient not counted when the rule is off');
    assert.equal(wardCapacity(s, 'M1', rules({ countCorridorAndDayRoom: false }), NOW).counted, 2, 'corridor not counted when the rule is off');
    const excluded = wardCapacity(s, 'M1', rules({ excludedUnits: ['MED'] }), NOW);
    assert.deepEqual([excluded.counted, excluded.incoming], [0, 3], 'an excluded unit’s patients never count; incoming still listed');
  });
  it('gives zeros for an unknown ward', () => {
    const none = wardCapacity(s, 'nope', AAUH_CAPACITY_RULES, NOW);
    assert.deepEqual([none.beds, none.counted, none.wardName], [0, 0, ''], 'zeros');
  });
  it('a location whose period ended before now is history', () => {
    const t = wardScenario();
    const e4 = t.encounters.find((e) => e.id === 'e4');
    assert.ok(e4?.location?.[0], 'fixture has the corridor stay');
    e4.location[0] = { ...e4.location[0], period: { start: '2025-03-09T08:00:00Z', end: '2025-03-10T09:00:00Z' } };
    assert.equal(wardCapacity(t, 'M1', AAUH_CAPACITY_RULES, NOW).counted, 2, 'a location that ended before now is history');
  });
});

describe('bedOverview', () => {
  it('lists every ward with totals', () => {
    const overview = bedOverview(wardScenario(), AAUH_CAPACITY_RULES, NOW);
    assert.deepEqual(overview.wards.map((w) => w.wardId), ['K1', 'M1'], 'wards by name');
    assert.deepEqual(overview.totals, { beds: 8, occupied: 5, free: 1, cleaning: 1, blocked: 1, incoming: 3, counted: 5, notCounted: 3 }, 'totals');
    assert.equal(overview.generatedAt, NOW.toISOString(), 'generatedAt');
  });
  it('leaves out wards of excluded units', () => {
    const overview = bedOverview(wardScenario(), rules({ excludedUnits: ['KIR'] }), NOW);
    assert.deepEqual(overview.wards.map((w) => w.wardId), ['M1'], 'K1 left out');
  });
});
