/** Journal (clinical notes): placeholder until its issue builds it. */
import { ModulePlaceholder, type ChartModuleProps } from './module-placeholder.tsx';

export function JournalModule(_props: ChartModuleProps) {
  return <ModulePlaceholder module="journal" />;
}
