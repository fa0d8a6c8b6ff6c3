// Recognises PCD-01 rows that are not vitals: time-sync rows, waveform arrays and their attribute rows, INOP events (IHE PCD TF-2; devices.md §1, §5).
import { CODE_SYSTEMS } from '../mapping/index.ts';
import type { CodedValue } from './observation-rows.ts';

/** Time-synchronisation and absolute-time rows (Continua `0.0.0.1`, MDC_ATTR_TIME_ABS). */
const TIME_SYNC = { codes: ['67975', '68220'], refIds: ['MDC_ATTR_TIME_ABS', 'MDC_TIME_SYNC_PROTOCOL', 'MDC_ATTR_TIME_STAMP_ABS', 'MDC_TIME_SYNC_ACCURACY'] } as const;
/** Attributes of a waveform channel rather than measurements. */
const WAVEFORM_ATTRIBUTES = ['MDC_ATTR_SAMP_RATE', 'MDC_ATTR_NU_MSMT_RES', 'MDC_ATTR_SCALE_SPECN_I16', 'MDC_ATTR_DATA_RANGE', 'MDC_ATTR_SA_SPECN', 'MDC_ATTR_TIME_PD_SAMP'] as const;
/** A technical alarm meaning "no valid measurement" (Mindray sends it with 32767). */
const INOP = { code: '196660', refId: 'MDC_EVT_INOP' } as const;
/** MDC_TIME_SYNC_NONE: the device clock is not synchronised. */
const NO_TIME_SYNC = { code: '532224', refId: 'MDC_TIME_SYNC_NONE' } as const;

const isMdc = (code: CodedValue): boolean => code.system === CODE_SYSTEMS.mdc || code.system === '';
const refIdOf = (code: CodedValue): string => (code.display ?? '').toUpperCase();

export function isTimeSyncRow(code: CodedValue, path: string): boolean {
  if (path === '0.0.0.1') return true;
  return (isMdc(code) && (TIME_SYNC.codes as readonly string[]).includes(code.code)) || (TIME_SYNC.refIds as readonly string[]).includes(refIdOf(code));
}

export const isWaveformValueType = (valueType: string): boolean => valueType === 'NA' || valueType === 'MA';

export const isWaveformAttribute = (code: CodedValue): boolean => (WAVEFORM_ATTRIBUTES as readonly string[]).includes(refIdOf(code));

export const isInop = (code: CodedValue): boolean => (isMdc(code) && code.code === INOP.code) || refIdOf(code) === INOP.refId;

export const isNoTimeSync = (value: CodedValue | undefined): boolean => value !== undefined && (value.code === NO_TIME_SYNC.code || refIdOf(value) === NO_TIME_SYNC.refId);

/** Values devices send for "no valid value" (Mindray 32767; -999, -100, -99.9 elsewhere). */
export const SENTINEL_VALUES: readonly number[] = [32767, -999, -100, -99.9];
/** OBX-8 measurement-status flags that mean the value must not be charted as is. */
export const STATUS_FLAGS: readonly string[] = ['NAV', 'OFF', '<', '>', 'QUES', 'EARLY'];
/** OBX-11 result statuses that withdraw or deny a value (X cannot be obtained, D deleted, W wrong). */
export const WITHDRAWN_STATUSES: readonly string[] = ['X', 'D', 'W'];
