// Unit lookup (IEEE 11073-10101 MDC dimension codes ↔ UCUM) and the one unit-normalisation step (°F → °C, kPa → mm[Hg], fraction → %).
import { UNIT_CODES, type UnitCode, type VitalConcept } from './tables.ts';
import { lookupConceptUnit } from './concept-units.ts';

const byMdc = new Map(UNIT_CODES.map((row) => [row.mdc, row]));
const byRefId = new Map(UNIT_CODES.map((row) => [row.refId, row]));
const byUcum = new Map<string, UnitCode>();
for (const row of UNIT_CODES) if (!byUcum.has(row.ucum)) byUcum.set(row.ucum, row);

/** A unit row for an MDC unit code (`266016`), MDC reference id (`MDC_DIM_MMHG`) or UCUM code (`mm[Hg]`). */
export function lookupUnit(mdcOrUcum: string): UnitCode | undefined {
  const key = mdcOrUcum.trim();
  return byMdc.get(key) ?? byRefId.get(key) ?? byUcum.get(key);
}

/** Common non-UCUM spellings devices put in OBX-6, and their UCUM codes. */
const UCUM_ALIASES: Readonly<Record<string, string>> = {
  mmHg: 'mm[Hg]',
  'mm Hg': 'mm[Hg]',
  degC: 'Cel',
  '°C': 'Cel',
  degF: '[degF]',
  '°F': '[degF]',
  bpm: '/min',
  '1/min': '/min',
};

/** UCUM without curly-brace annotations and with common device spellings fixed, so `{beats}/min` and `bpm` compare equal to `/min`. */
export function ucumWithoutAnnotations(ucum: string): string {
  const stripped = ucum.replace(/\{[^}]*\}/g, '').trim();
  if (stripped === '') return '1';
  return UCUM_ALIASES[stripped] ?? stripped;
}

export interface NormalisedValue {
  readonly value: number;
  readonly ucum: string;
  /** Set when a conversion happened: what the device sent. */
  readonly raw?: { readonly value: number; readonly ucum: string };
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

type Conversion = { readonly from: string; readonly to: string; readonly convert: (v: number) => number };
const CONVERSIONS: readonly Conversion[] = [
  { from: '[degF]', to: 'Cel', convert: (v) => round1(((v - 32) * 5) / 9) },
  { from: 'K', to: 'Cel', convert: (v) => round1(v - 273.15) },
  { from: 'kPa', to: 'mm[Hg]', convert: (v) => round1(v * 7.500617) },
  { from: '1', to: '%', convert: (v) => round1(v * 100) },
];

/**
 * Brings a value into the unit Kerne stores for `concept` (mapping/mdc-vitals.json). Values already in that unit are
 * returned unchanged (not rounded); converted values are rounded to 0.1 and keep the raw value. Undefined when the
 * unit cannot be converted to the concept's unit (the caller keeps the reading aside).
 */
export function normaliseUnit(value: number, ucum: string, concept: VitalConcept): NormalisedValue | undefined {
  const target = lookupConceptUnit(concept);
  const from = ucumWithoutAnnotations(ucum);
  if (from === target) return { value, ucum: target };
  const conversion = CONVERSIONS.find((c) => c.from === from && c.to === target);
  if (!conversion) return undefined;
  return { value: conversion.convert(value), ucum: target, raw: { value, ucum } };
}
