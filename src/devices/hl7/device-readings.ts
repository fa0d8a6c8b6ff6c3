// PCD-01 (ORU^R01) semantics: OBX rows → DeviceReading values with mapping, unit normalisation, sentinels, status flags, plausibility and time (devices.md §1, §4, §5).
import { CODE_SYSTEMS, DEFAULT_PLAUSIBILITY, isPlausible, lookupMdc, plausibilityFor, lookupUnit, normaliseUnit, type PlausibilityRanges, type VitalCode } from '../mapping/index.ts';
import { isBelow } from './containment-path.ts';
import { dedupKey } from './dedup-key.ts';
import { buildGroupContext, inheritedDeviceTime, isDeviceRow, resolveDeviceId, type GroupContext } from './device-context.ts';
import { component } from './hl7-fields.ts';
import type { MessageHeader } from './message-header.ts';
import type { CodedValue, ObrGroup, ObxRow } from './observation-rows.ts';
import { resolveObservationTime, type TimeOptions } from './observation-time.ts';
import type { DescribedDevice, DeviceReading, ReadingProblem, SkippedRow } from './pcd-types.ts';
import { SENTINEL_VALUES, STATUS_FLAGS, WITHDRAWN_STATUSES, isInop, isNoTimeSync, isTimeSyncRow, isWaveformAttribute, isWaveformValueType } from './row-kinds.ts';

export interface ReadingOptions extends TimeOptions {
  readonly plausibility?: PlausibilityRanges;
}

export interface ReadingsOutcome {
  readonly readings: DeviceReading[];
  readonly devices: DescribedDevice[];
  readonly skipped: SkippedRow[];
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** OBX-6 as UCUM: UCUM as sent, MDC units through mdc-units.json; undefined when absent or unknown. */
export function unitToUcum(unit: CodedValue | undefined): string | undefined {
  if (!unit || (unit.code === '' && !unit.display)) return undefined;
  if (unit.system === CODE_SYSTEMS.ucum) return unit.code || unit.display;
  const known = lookupUnit(unit.code) ?? (unit.display ? lookupUnit(unit.display) : undefined);
  if (known) return known.ucum;
  return unit.system === '' && !/^\d+$/.test(unit.code) ? unit.code : undefined;
}

/** The table row for an OBX-3 code: MDC codes by number; codes without a system only when the reference id agrees. */
function mappedCode(code: CodedValue): VitalCode | undefined {
  if (code.system === CODE_SYSTEMS.mdc) return lookupMdc(code.code) ?? (code.display ? lookupMdc(code.display) : undefined);
  if (code.system === '') {
    const row = lookupMdc(code.code);
    return row && row.mdcRefId === code.display ? row : undefined;
  }
  return undefined;
}

interface Measured {
  readonly value: number;
  readonly unit: string;
  readonly problem?: ReadingProblem;
}

function measure(row: ObxRow, mapped: VitalCode | undefined, ranges: PlausibilityRanges): Measured {
  const ucum = unitToUcum(row.unit);
  const rawUnit = ucum ?? row.unit?.code ?? '';
  const numeric = NUMBER.test(row.value);
  if (isInop(row.code)) {
    return { value: numeric ? Number(row.value) : Number.NaN, unit: rawUnit, problem: { code: 'sentinel', text: `${row.code.display ?? row.code.code}: the device reports no valid measurement` } };
  }
  if (!numeric) return { value: Number.NaN, unit: rawUnit, problem: { code: 'not-numeric', text: `OBX-5 '${row.value}' is not a number` } };
  const value = Number(row.value);
  if (SENTINEL_VALUES.includes(value)) return { value, unit: rawUnit, problem: { code: 'sentinel', text: `value ${row.value} is a "no valid value" sentinel` } };
  const flag = row.abnormalFlags.find((f) => STATUS_FLAGS.includes(f.toUpperCase()));
  if (flag) return { value, unit: rawUnit, problem: { code: 'status-flag', text: `OBX-8 measurement status ${flag}` } };
  if (row.resultStatus && WITHDRAWN_STATUSES.includes(row.resultStatus.toUpperCase())) {
    return { value, unit: rawUnit, problem: { code: 'status-flag', text: `OBX-11 result status ${row.resultStatus}` } };
  }
  if (!mapped) return { value, unit: rawUnit, problem: { code: 'unmapped', text: `${row.code.code} ${row.code.display ?? ''} is not in the vital-sign table`.replace(/ +$/, '') } };
  if (ucum === undefined) {
    return { value, unit: rawUnit, problem: { code: 'unmapped', text: `unit '${row.rawUnit}' is missing or unknown; expected ${mapped.ucum} for ${mapped.concept}` } };
  }
  const normal = normaliseUnit(value, ucum, mapped.concept);
  if (!normal) return { value, unit: ucum, problem: { code: 'unmapped', text: `unit ${ucum} cannot be converted to ${mapped.ucum} for ${mapped.concept}` } };
  if (!isPlausible(normal.value, mapped.concept, ranges)) {
    const range = plausibilityFor(mapped.concept, ranges);
    return { value: normal.value, unit: normal.ucum, problem: { code: 'implausible', text: `${mapped.concept} ${normal.value} ${normal.ucum} is outside ${range.min}–${range.max}` } };
  }
  return { value: normal.value, unit: normal.ucum };
}

function readingFrom(row: ObxRow, ctx: GroupContext, header: MessageHeader, unsynchronised: boolean, options: ReadingOptions): DeviceReading {
  const deviceId = resolveDeviceId(row, ctx);
  const mapped = mappedCode(row.code);
  const measured = measure(row, mapped, options.plausibility ?? DEFAULT_PLAUSIBILITY);
  const inherited = row.observedAtText ? undefined : inheritedDeviceTime(row, ctx);
  const time = resolveObservationTime(
    [
      row.observedAtText ? { source: 'OBX-14', text: row.observedAtText } : { source: 'OBX-14', text: inherited, inherited: true },
      { source: 'OBR-7', text: ctx.group.obr ? component(ctx.group.obr, 7, 1) : undefined },
      { source: 'MSH-7', text: header.rawMessageTime },
    ],
    options,
  );
  const timeFlags = unsynchronised ? [...time.timeFlags, 'device-time-unsynchronised'] : time.timeFlags;
  const problem: ReadingProblem | undefined = measured.problem ?? (time.badTime ? { code: 'bad-time', text: time.badTime } : undefined);
  return {
    deviceId,
    path: row.path,
    code: row.code,
    ...(mapped ? { concept: mapped.concept, loinc: mapped.loinc, ...(mapped.npu ? { npu: mapped.npu } : {}) } : {}),
    value: measured.value,
    unit: measured.unit,
    original: { value: row.value, ...(row.rawUnit ? { unit: row.rawUnit } : {}) },
    observedAt: time.observedAt,
    timeSource: time.timeSource,
    timeFlags,
    ...(row.method ? { method: row.method } : {}),
    abnormalFlags: row.abnormalFlags,
    ...(row.resultStatus ? { resultStatus: row.resultStatus } : {}),
    ...(problem ? { problem } : {}),
    key: dedupKey([deviceId, row.code.code, row.path, time.observedAt, row.value]),
  };
}

/** Readings, described devices and skipped rows of the OBR groups of a PCD-01 message. */
export function readReadings(groups: readonly ObrGroup[], header: MessageHeader, options: ReadingOptions): ReadingsOutcome {
  const readings: DeviceReading[] = [];
  const devices: DescribedDevice[] = [];
  const skipped: SkippedRow[] = [];
  for (const group of groups) {
    const ctx = buildGroupContext(group, header.sender);
    const waveformPaths = group.rows.filter((r) => isWaveformValueType(r.valueType)).map((r) => r.path);
    const unsynchronised = group.rows.some((r) => isTimeSyncRow(r.code, r.path) && isNoTimeSync(r.codedValue));
    for (const row of group.rows) {
      if (isDeviceRow(row)) {
        devices.push({ id: resolveDeviceId(row, ctx), ...(row.code.display ? { name: row.code.display } : {}), path: row.path });
      } else if (isTimeSyncRow(row.code, row.path)) {
        skipped.push({ path: row.path, reason: `time-sync row ${row.code.display ?? row.code.code}` });
      } else if (isWaveformValueType(row.valueType)) {
        skipped.push({ path: row.path, reason: `waveform (${row.valueType} array ${row.code.display ?? row.code.code}) stays out of the record` });
      } else if (!isInop(row.code) && (isWaveformAttribute(row.code) || waveformPaths.some((p) => isBelow(row.path, p)))) {
        skipped.push({ path: row.path, reason: `waveform attribute ${row.code.display ?? row.code.code}` });
      } else if (row.valueType === 'NM') {
        readings.push(readingFrom(row, ctx, header, unsynchronised, options));
      } else {
        skipped.push({ path: row.path, reason: `value type ${row.valueType} (${row.code.display ?? row.code.code}) is not charted` });
      }
    }
  }
  return { readings, devices, skipped };
}
