// Content checks that reject a whole PCD message, as IPF's PCD-01 validator does: no OBX (101), OBX-5 valued with OBX-2 empty (102), OBX-3 missing (101).
import { rejectWith, type Hl7Error } from './hl7-error.ts';
import type { ObrGroup } from './observation-rows.ts';

/** The first reason to reject the observation content, or undefined when it is acceptable. */
export function checkObservationRows(groups: readonly ObrGroup[], messageType: string): Hl7Error | undefined {
  const rows = groups.flatMap((g) => g.rows);
  if (rows.length === 0) return rejectWith('101', `${messageType} carries no OBX segment`, { segment: 'OBX' });
  for (const row of rows) {
    if (row.valueType === '' && row.rawValue !== '') {
      return rejectWith('102', `OBX-5 is valued but OBX-2 (value type) is empty in OBX ${row.sequence} (${row.code.display ?? row.code.code})`, {
        segment: 'OBX',
        sequence: row.sequence,
        field: 2,
      });
    }
    if (row.valueType !== '' && row.code.code === '' && !row.code.display) {
      return rejectWith('101', `OBX-3 (observation identifier) is empty in OBX ${row.sequence}`, { segment: 'OBX', sequence: row.sequence, field: 3 });
    }
  }
  return undefined;
}
