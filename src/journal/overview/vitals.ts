/**
 * "Seneste vitale værdier og score" (journal-ai.md §4): per vital sign the latest final value, its
 * time and the trend of the last three; then the latest early-warning score (NEWS2/TOKS, see
 * src/early-warning), marked "ufuldstændig" when the score says it lacks inputs and "foreløbig"
 * while it rests on unvalidated readings.
 */
import type { Observation } from '@medplum/fhirtypes';
import { EARLY_WARNING_SYSTEM } from '../../logistics/index.ts';
import type { OverviewItem } from '../api-types.ts';
import { resourceCitation } from './cite.ts';
import { newestFirst } from './dates.ts';
import { conceptText, quantityText } from './fhir-text.ts';
import type { OverviewInput } from './overview-input.ts';

const LOINC = 'http://loinc.org';

/** The vital signs shown, in order: LOINC code and Danish label. */
export const VITAL_SIGNS = [
  { code: '85354-9', label: 'Blodtryk' },
  { code: '8867-4', label: 'Puls' },
  { code: '9279-1', label: 'Respirationsfrekvens' },
  { code: '59408-5', label: 'Iltmætning' },
  { code: '2708-6', label: 'Iltmætning' },
  { code: '8310-5', label: 'Temperatur' },
] as const;

export const EARLY_WARNING_CODES = [`${EARLY_WARNING_SYSTEM}|NEWS2`, `${EARLY_WARNING_SYSTEM}|TOKS`] as const;

const effective = (o: Observation) => o.effectiveDateTime ?? o.effectiveInstant ?? o.effectivePeriod?.start ?? o.issued;
const loincOf = (o: Observation) => o.code?.coding?.find((c) => c.system === LOINC)?.code;

/** "128/76 mmHg", "37,2 °C". */
function valueText(o: Observation): string | undefined {
  if (loincOf(o) === '85354-9') {
    const part = (code: string) => o.component?.find((c) => c.code.coding?.some((k) => k.code === code))?.valueQuantity;
    const sys = part('8480-6'), dia = part('8462-4');
    return sys?.value !== undefined && dia?.value !== undefined ? `${sys.value}/${dia.value} ${sys.unit ?? 'mmHg'}` : undefined;
  }
  return quantityText(o.valueQuantity) ?? (o.valueInteger !== undefined ? String(o.valueInteger) : o.valueString);
}

/** "↑", "↓" or "→" from the oldest to the newest of up to three values (first number of each). */
function arrow(values: readonly string[]): string {
  const nums = values.map((v) => Number(v.replace(',', '.').split(/[ /]/u)[0]));
  if (nums.length < 2 || nums.some(Number.isNaN)) return '';
  const [newest, oldest] = [nums[0]!, nums[nums.length - 1]!];
  return newest > oldest ? '↑' : newest < oldest ? '↓' : '→';
}

function scoreItem(o: Observation): OverviewItem {
  const name = o.code?.coding?.find((c) => c.system === EARLY_WARNING_SYSTEM)?.code ?? conceptText(o.code) ?? 'Score';
  const band = o.interpretation?.[0]?.text ?? conceptText(o.interpretation?.[0]);
  const said = [o.dataAbsentReason ? 'x' : '', ...(o.note ?? []).map((n) => n.text), band ?? ''].join(' ');
  const incomplete = o.valueInteger === undefined || /ufuldstændig|incomplete|mangler/iu.test(said);
  const flags = [...(incomplete ? ['ufuldstændig'] : []), ...(o.status === 'preliminary' ? ['foreløbig'] : [])];
  const text = incomplete && o.valueInteger === undefined ? `${name}: ufuldstændig` : `${name} ${o.valueInteger}${band ? ` (${band.toLocaleLowerCase('da')})` : ''}`;
  const date = effective(o);
  return { text, ...(date ? { date } : {}), origin: 'structured', citations: [resourceCitation(o)], ...(flags.length ? { flags } : {}) };
}

export function buildVitals(input: OverviewInput): OverviewItem[] {
  const items: OverviewItem[] = [];
  const shown = new Set<string>();
  for (const sign of VITAL_SIGNS) {
    if (shown.has(sign.label)) continue;
    const series = newestFirst(input.vitals.filter((o) => o.status === 'final' && loincOf(o) === sign.code), effective).slice(0, 3);
    const values = series.map(valueText).filter((v): v is string => v !== undefined);
    if (!series[0] || values.length === 0) continue;
    shown.add(sign.label);
    const trend = values.length > 1 ? ` (tendens ${arrow(values)}: ${[...values].reverse().join(' → ')})` : '';
    const date = effective(series[0]);
    items.push({ text: `${sign.label} ${values[0]}${trend}`, ...(date ? { date } : {}), origin: 'structured', citations: series.map(resourceCitation) });
  }
  const score = newestFirst(input.earlyWarningScores, effective)[0];
  if (score) items.push(scoreItem(score));
  return items;
}

