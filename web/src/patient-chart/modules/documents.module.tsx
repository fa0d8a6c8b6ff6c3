/** Dokumenter (documents): placeholder until its issue builds it. */
import { ModulePlaceholder, type ChartModuleProps } from './module-placeholder.tsx';

export function DocumentsModule(_props: ChartModuleProps) {
  return <ModulePlaceholder module="documents" />;
}
