/** Medicin (medication): placeholder until its issue builds it. */
import { ModulePlaceholder, type ChartModuleProps } from './module-placeholder.tsx';

export function MedicationModule(_props: ChartModuleProps) {
  return <ModulePlaceholder module="medication" />;
}
