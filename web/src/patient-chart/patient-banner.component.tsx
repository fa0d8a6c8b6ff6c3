/** The patient banner: name, CPR, age, sex, CAVE (active allergies) and active warnings (Flags). */
import type { AllergyIntolerance, Bundle, CodeableConcept, Flag, Patient, Resource } from '@medplum/fhirtypes';
import { useId } from 'react';
import { getJson } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ageInYears, patientCpr, patientName } from '../patient/patient.helpers.ts';
import { SexText } from '../patient/sex-text.tsx';
import { PageHeading } from '../ui/page.tsx';
import { useResource, type Resource as Loaded } from '../ui/use-resource.ts';

const conceptText = (c: CodeableConcept | undefined): string => c?.text ?? c?.coding?.find((x) => x.display)?.display ?? c?.coding?.[0]?.code ?? '';

async function searchAll<T extends Resource>(path: string, type: T['resourceType']): Promise<T[]> {
  const bundle = await getJson<Bundle>(path);
  return (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r?.resourceType === type);
}

export function PatientBanner({ patient }: { patient: Patient & { id: string } }) {
  const { t } = useI18n();
  const id = encodeURIComponent(patient.id);
  const allergies = useResource(() => searchAll<AllergyIntolerance>(`/fhir/AllergyIntolerance?patient=${id}&clinical-status=active`, 'AllergyIntolerance'), [id]);
  const flags = useResource(() => searchAll<Flag>(`/fhir/Flag?patient=${id}&status=active`, 'Flag'), [id]);
  const age = ageInYears(patient.birthDate, new Date());
  const caveId = useId();
  const warningsId = useId();
  return (
    <section className="patient-banner" aria-label={t.chart.bannerLabel}>
      <PageHeading className="patient-name">{patientName(patient) || patient.id}</PageHeading>
      <dl className="banner-facts">
        <div>
          <dt>{t.chart.cpr}</dt>
          <dd data-testid="banner-cpr">{patientCpr(patient) ?? '–'}</dd>
        </div>
        <div>
          <dt>{t.chart.age}</dt>
          <dd>{age !== undefined ? t.age(age) : '–'}</dd>
        </div>
        <div>
          <dt>{t.chart.sex}</dt>
          <dd>
            <SexText gender={patient.gender} />
          </dd>
        </div>
      </dl>
      <div className="banner-alerts">
        <AlertList
          labelId={caveId}
          label={t.chart.cave}
          className="cave"
          items={allergies}
          text={(a) => [conceptText(a.code), a.criticality === 'high' ? '(!)' : ''].filter(Boolean).join(' ')}
          none={t.chart.noAllergies}
        />
        <AlertList labelId={warningsId} label={t.chart.warnings} className="warnings" items={flags} text={(f) => conceptText(f.code)} none={t.chart.noWarnings} />
      </div>
    </section>
  );
}

function AlertList<T extends Resource>(props: { labelId: string; label: string; className: string; items: Loaded<T[]>; text(item: T): string; none: string }) {
  const { t } = useI18n();
  const { items } = props;
  const present = items.status === 'ok' && items.data.length > 0;
  return (
    <div className={`banner-alert ${props.className}${present ? ' present' : ''}`} role="group" aria-labelledby={props.labelId}>
      <span id={props.labelId} className="banner-alert-label">
        {props.label}
      </span>
      {items.status === 'loading' && <span className="muted">{t.loading}</span>}
      {items.status === 'error' && <span>{t.chart.partFailed}</span>}
      {items.status === 'ok' &&
        (items.data.length === 0 ? (
          <span>{props.none}</span>
        ) : (
          <ul>
            {items.data.map((item, i) => (
              <li key={item.id ?? i}>{props.text(item)}</li>
            ))}
          </ul>
        ))}
    </div>
  );
}
