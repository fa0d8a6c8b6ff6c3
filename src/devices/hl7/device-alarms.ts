// PCD-04 (ORU^R40 Report Alert) semantics: OBR-3/OBR-29 event ids and the alert OBX rows (phase, state, priority, text) → DeviceAlarm (IHE PCD TF-2 PCD-04; devices.md §1).
import type { Hl7Segment } from '@medplum/core';
import { CODE_SYSTEMS } from '../mapping/index.ts';
import { parentPath } from './containment-path.ts';
import { dedupKey } from './dedup-key.ts';
import { buildGroupContext, isDeviceRow, resolveDeviceId } from './device-context.ts';
import { component, subcomponent } from './hl7-fields.ts';
import type { MessageHeader } from './message-header.ts';
import type { CodedValue, ObrGroup, ObxRow } from './observation-rows.ts';
import { resolveObservationTime, type TimeOptions } from './observation-time.ts';
import type { DescribedDevice, DeviceAlarm, SkippedRow } from './pcd-types.ts';

/** Alert attribute rows by MDC code and reference id (IHE PCD TF-2 PCD-04 OBX rows). */
const ALERT_ATTRIBUTES = {
  source: { code: '68480', refId: 'MDC_ATTR_ALERT_SOURCE' },
  phase: { code: '68481', refId: 'MDC_ATTR_EVENT_PHASE' },
  state: { code: '68482', refId: 'MDC_ATTR_ALARM_STATE' },
  inactivationState: { code: '68483', refId: 'MDC_ATTR_ALARM_INACTIVATION_STATE' },
  priority: { code: '68484', refId: 'MDC_ATTR_ALARM_PRIORITY' },
  alertType: { code: '68485', refId: 'MDC_ATTR_ALERT_TYPE' },
  text: { code: '68546', refId: 'MDC_ATTR_ALERT_TEXT' },
} as const;
type AlertAttribute = keyof typeof ALERT_ATTRIBUTES;

function attributeOf(code: CodedValue): AlertAttribute | undefined {
  const refId = (code.display ?? '').toUpperCase();
  const isMdc = code.system === CODE_SYSTEMS.mdc || code.system === '';
  return (Object.keys(ALERT_ATTRIBUTES) as AlertAttribute[]).find((name) => ALERT_ATTRIBUTES[name].refId === refId || (isMdc && ALERT_ATTRIBUTES[name].code === code.code));
}

/** OBR-3 entity id, else OBR-2's. */
function updateIdOf(obr: Hl7Segment | undefined): string {
  if (!obr) return '';
  return component(obr, 3, 1).trim() || component(obr, 2, 1).trim();
}

/** OBR-29 parent (EIP): the filler id's entity id, else the placer id's; undefined when empty. */
function parentIdOf(obr: Hl7Segment | undefined): string | undefined {
  if (!obr) return undefined;
  const parent = subcomponent(obr, 29, 2, 1).trim() || subcomponent(obr, 29, 1, 1).trim();
  return parent === '' ? undefined : parent;
}

interface AlertRows {
  event?: ObxRow;
  attributes: Partial<Record<AlertAttribute, ObxRow>>;
  first: ObxRow;
}

/** Alert rows grouped by their parent path (`1.1.0.0.1`…`.8` belong to `1.1.0.0`). */
function groupAlertRows(rows: readonly ObxRow[]): AlertRows[] {
  const byParent = new Map<string, AlertRows>();
  for (const row of rows) {
    const parent = parentPath(row.path);
    const entry = byParent.get(parent) ?? { attributes: {}, first: row };
    byParent.set(parent, entry);
    const attribute = attributeOf(row.code);
    if (attribute) entry.attributes[attribute] ??= row;
    else entry.event ??= row;
  }
  return [...byParent.values()];
}

/** Alarms, described devices and skipped rows of the OBR groups of a PCD-04 message (never readings). */
export function readAlarms(groups: readonly ObrGroup[], header: MessageHeader, options: TimeOptions): { alarms: DeviceAlarm[]; devices: DescribedDevice[]; skipped: SkippedRow[] } {
  const alarms: DeviceAlarm[] = [];
  const devices: DescribedDevice[] = [];
  const skipped: SkippedRow[] = [];
  for (const group of groups) {
    const ctx = buildGroupContext(group, header.sender);
    const updateId = updateIdOf(group.obr);
    const eventId = parentIdOf(group.obr) ?? updateId;
    const valueRows: ObxRow[] = [];
    for (const row of group.rows) {
      if (isDeviceRow(row)) devices.push({ id: resolveDeviceId(row, ctx), ...(row.code.display ? { name: row.code.display } : {}), path: row.path });
      else valueRows.push(row);
    }
    for (const alert of groupAlertRows(valueRows)) {
      const { event, attributes } = alert;
      const anchor = event ?? alert.first;
      const text = (name: AlertAttribute): string | undefined => attributes[name]?.value || undefined;
      const code: CodedValue = event?.codedValue ?? event?.code ?? (group.obr ? { system: CODE_SYSTEMS.mdc, code: component(group.obr, 4, 1), display: component(group.obr, 4, 2) } : anchor.code);
      const deviceId = resolveDeviceId(anchor, ctx);
      const time = resolveObservationTime(
        [
          { source: 'OBX-14', text: anchor.observedAtText },
          { source: 'OBR-7', text: group.obr ? component(group.obr, 7, 1) : undefined },
          { source: 'MSH-7', text: header.rawMessageTime },
        ],
        options,
      );
      const phase = text('phase');
      const state = text('state');
      alarms.push({
        eventId,
        updateId,
        deviceId,
        code,
        ...(event && event.codedValue ? { kind: event.code } : {}),
        path: anchor.path,
        ...(text('text') ? { text: text('text') } : {}),
        ...(phase ? { phase } : {}),
        ...(state ? { state } : {}),
        ...(text('inactivationState') ? { inactivationState: text('inactivationState') } : {}),
        ...(text('priority') ? { priority: text('priority') } : {}),
        ...(text('alertType') ? { alertType: text('alertType') } : {}),
        ...(attributes.source?.codedValue ? { source: attributes.source.codedValue } : {}),
        observedAt: time.observedAt,
        timeSource: time.timeSource,
        timeFlags: time.timeFlags,
        key: dedupKey([deviceId, eventId, updateId, phase ?? '', state ?? '', time.observedAt]),
      });
    }
  }
  return { alarms, devices, skipped };
}
