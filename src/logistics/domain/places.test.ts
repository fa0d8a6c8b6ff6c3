/** The Location tree: wards, rooms, beds, overflow and away places, and bed status. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bedStatusOf, indexPlaces, PlaceRole, wardUnitId } from './places.ts';
import { indexSnapshot } from './snapshot.ts';
import { bed, hospital, location, place, ward } from './test-fixtures.ts';

const placesOf = (s = hospital()) => indexPlaces(indexSnapshot(s).locations);

describe('places', () => {
  it('finds wards, by name, with their unit', () => {
    const places = placesOf();
    assert.deepEqual(places.wards.map((w) => w.id), ['K1', 'M1'], 'wards sorted by name');
    assert.equal(wardUnitId(places.byId.get('M1')), 'MED', 'the ward unit is managingOrganization');
    assert.deepEqual(places.wardsOfUnit('MED').map((w) => w.id), ['M1'], 'wards of a unit');
  });
  it('walks partOf to the ward, and knows rooms', () => {
    const places = placesOf();
    assert.equal(places.wardIdOf('M1-s1-b1'), 'M1', 'bed → room → ward');
    assert.equal(places.wardIdOf('M1'), 'M1', 'a ward is its own ward');
    assert.equal(places.wardIdOf('op3'), undefined, 'theatre is in no ward');
    assert.equal(places.roomOf('M1-s2-b1')?.name, 'Stue 2', 'room of a bed');
  });
  it('sorts beds by room then bed, naturally', () => {
    const names = placesOf().bedsOf('M1').map((b) => `${placesOf().roomOf(b.id ?? '')?.name}/${b.name}`);
    assert.deepEqual(names, ['Stue 1/Seng 1', 'Stue 1/Seng 2', 'Stue 1/Seng 10', 'Stue 2/Seng 1', 'Stue 2/Seng 2', 'Stue 10/Seng 1'], 'natural order');
  });
  it('tells beds from corridors, day rooms and away places', () => {
    const s = hospital();
    s.locations.push(bed('M1-gang-b1', 'Gangseng 1', 'M1-gang'), location('M1-wing', 'Østgangen', 'wi', 'M1'), bed('opv-b1', 'Opv 1', 'opv'));
    const places = placesOf(s);
    assert.equal(places.roleOf('M1-s1-b1'), PlaceRole.bed, 'a bed');
    assert.equal(places.roleOf('M1-gang'), PlaceRole.corridor, 'coded corridor');
    assert.equal(places.roleOf('M1-gang-b1'), PlaceRole.corridor, 'a bed in a corridor is a corridor place');
    assert.equal(places.roleOf('M1-wing'), PlaceRole.corridor, 'a wing below a ward is a corridor');
    assert.equal(places.roleOf('M1-dagligstue'), PlaceRole.dayRoom, 'day room');
    assert.equal(places.roleOf('op3'), PlaceRole.theatre, 'theatre');
    assert.equal(places.roleOf('opv-b1'), PlaceRole.recovery, 'a recovery bed is a recovery place');
    assert.equal(places.roleOf('M1-s1'), PlaceRole.room, 'room');
    assert.ok(!places.bedsOf('M1').some((b) => b.id === 'M1-gang-b1'), 'corridor beds are not ward beds');
  });
  it('survives partOf cycles and leaves out inactive beds and away-place wards', () => {
    const s = hospital();
    s.locations.push(
      { ...bed('loop-a', 'A', 'loop-b') }, { ...bed('loop-b', 'B', 'loop-a') },
      { ...bed('M1-old', 'Seng 99', 'M1-s1'), status: 'inactive' },
      { ...ward('OPV', 'Opvågningsafsnit', 'KIR'), type: place('x', 'x', 'opvaagning', 'wa').type },
    );
    const places = placesOf(s);
    assert.equal(places.wardIdOf('loop-a'), undefined, 'a cycle has no ward');
    assert.ok(!places.bedsOf('M1').some((b) => b.id === 'M1-old'), 'inactive bed left out');
    assert.ok(!places.wards.some((w) => w.id === 'OPV'), 'a recovery unit is not a bed ward');
  });
  it('maps operationalStatus to bed status; a stay makes it occupied', () => {
    assert.equal(bedStatusOf(bed('x', 'x', 'M1', 'U'), false), 'free', 'U free');
    assert.equal(bedStatusOf(bed('x', 'x', 'M1', 'O'), false), 'occupied', 'O occupied');
    assert.equal(bedStatusOf(bed('x', 'x', 'M1', 'H'), false), 'cleaning', 'H cleaning');
    assert.equal(bedStatusOf(bed('x', 'x', 'M1', 'C'), false), 'blocked', 'C blocked');
    assert.equal(bedStatusOf(bed('x', 'x', 'M1'), false), 'free', 'no status: free');
    assert.equal(bedStatusOf({ ...bed('x', 'x', 'M1', 'U'), status: 'suspended' }, false), 'blocked', 'suspended: blocked');
    assert.equal(bedStatusOf(bed('x', 'x', 'M1', 'C'), true), 'occupied', 'a patient in it wins over the status');
  });
});
