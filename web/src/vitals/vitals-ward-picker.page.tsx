/** Vitale værdier, /app/vitaler: the wards the user may see (the logistics ward list), the user's own first, each a link to its validation screen. */
import { wardVitalsPath } from '../app/routes.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { WardPicker } from '../logistics/ward-picker.page.tsx';

export function VitalsWardPickerPage() {
  const { t } = useI18n();
  return <WardPicker texts={t.vitals.picker} wardPath={wardVitalsPath} />;
}
