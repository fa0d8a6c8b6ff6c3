/** Forløb/tidslinje (course and timeline of contacts): placeholder until its issue builds it. */
import { ModulePlaceholder, type ChartModuleProps } from './module-placeholder.tsx';

export function TimelineModule(_props: ChartModuleProps) {
  return <ModulePlaceholder module="timeline" />;
}
