/** Overblik (overview): the patient at a glance: placeholder until its issue builds it. */
import { ModulePlaceholder, type ChartModuleProps } from './module-placeholder.tsx';

export function OverviewModule(_props: ChartModuleProps) {
  return <ModulePlaceholder module="overview" />;
}
