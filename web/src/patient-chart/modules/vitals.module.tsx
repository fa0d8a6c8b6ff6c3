/** Målinger (vital signs and early-warning scores): placeholder until its issue builds it. */
import { ModulePlaceholder, type ChartModuleProps } from './module-placeholder.tsx';

export function VitalsModule(_props: ChartModuleProps) {
  return <ModulePlaceholder module="vitals" />;
}
