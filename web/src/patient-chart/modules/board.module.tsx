/** Tavle (the ward board view of the patient): placeholder until its issue builds it. */
import { ModulePlaceholder, type ChartModuleProps } from './module-placeholder.tsx';

export function BoardModule(_props: ChartModuleProps) {
  return <ModulePlaceholder module="board" />;
}
