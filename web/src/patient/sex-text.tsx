/** Patient.gender in words (Kvinde, Mand, Andet, Ukendt). */
import type { Patient } from '@medplum/fhirtypes';
import { useI18n } from '../i18n/i18n.tsx';

export function SexText({ gender }: { gender: Patient['gender'] }) {
  const { t } = useI18n();
  return <>{gender ? t.sex[gender] : ''}</>;
}
