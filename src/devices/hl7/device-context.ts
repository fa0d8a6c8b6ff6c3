// Per-OBR device context for PCD-01/PCD-04 rows: which device a row belongs to (OBX-18 up the OBX-4 tree, OBR-3/OBR-2, MSH-3) and inherited OBX-14.
import type { Hl7Segment } from '@medplum/core';
import { ancestorPaths, foldPath } from './containment-path.ts';
import { equipmentIdFrom, isEuiType } from './equipment-id.ts';
import { splitComponents, fieldText } from './hl7-fields.ts';
import type { ObrGroup, ObxRow } from './observation-rows.ts';

export interface GroupContext {
  readonly group: ObrGroup;
  /** Folded path → OBX-18 of the row at that path. */
  readonly equipmentByPath: ReadonlyMap<string, string>;
  /** Folded path → OBX-14 of the device row (empty OBX-2) at that path. */
  readonly deviceTimeByPath: ReadonlyMap<string, string>;
  /** EUI-64 from OBR-3, else OBR-2 (the filler/placer application's universal id). */
  readonly obrDeviceId?: string;
  readonly sender: string;
}

function obrDeviceId(obr: Hl7Segment | undefined): string | undefined {
  if (!obr) return undefined;
  for (const n of [3, 2]) {
    const parts = splitComponents(fieldText(obr, n).split(obr.context.repetitionSeparator)[0] ?? '', obr.context);
    if (isEuiType(parts[3] ?? '') || isEuiType(parts[1] ?? '')) {
      const id = equipmentIdFrom(parts);
      if (id) return id;
    }
  }
  return undefined;
}

/** True for rows that only describe the device (MDS/VMD/channel): OBX-2 and OBX-5 both empty. */
export const isDeviceRow = (row: ObxRow): boolean => row.valueType === '' && row.rawValue === '';

export function buildGroupContext(group: ObrGroup, sender: string): GroupContext {
  const equipmentByPath = new Map<string, string>();
  const deviceTimeByPath = new Map<string, string>();
  for (const row of group.rows) {
    const folded = foldPath(row.path);
    if (row.equipmentId && !equipmentByPath.has(folded)) equipmentByPath.set(folded, row.equipmentId);
    if (isDeviceRow(row) && row.observedAtText && !deviceTimeByPath.has(folded)) deviceTimeByPath.set(folded, row.observedAtText);
  }
  const fromObr = obrDeviceId(group.obr);
  return { group, equipmentByPath, deviceTimeByPath, sender, ...(fromObr ? { obrDeviceId: fromObr } : {}) };
}

/** OBX-18 of the row, else of its nearest ancestor in the OBX-4 tree, else the OBR's device, else the header sender. */
export function resolveDeviceId(row: ObxRow, ctx: GroupContext): string {
  if (row.equipmentId) return row.equipmentId;
  for (const path of ancestorPaths(row.path)) {
    const id = ctx.equipmentByPath.get(path);
    if (id) return id;
  }
  return ctx.obrDeviceId ?? ctx.sender;
}

/** OBX-14 of the nearest ancestor device row, when the row has none of its own. */
export function inheritedDeviceTime(row: ObxRow, ctx: GroupContext): string | undefined {
  for (const path of ancestorPaths(row.path)) {
    const text = ctx.deviceTimeByPath.get(path);
    if (text) return text;
  }
  return undefined;
}
