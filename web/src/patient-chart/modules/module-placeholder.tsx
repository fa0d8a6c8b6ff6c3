/** The placeholder of a chart module that a later issue builds: its heading and a note. */
import { useId } from 'react';
import type { ChartModule } from '../../app/routes.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** What every chart module gets from the chart frame. */
export interface ChartModuleProps {
  readonly patientId: string;
}

export function ModulePlaceholder({ module }: { module: ChartModule }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="chart-module" aria-labelledby={headingId} data-module={module}>
      <h2 id={headingId} tabIndex={-1}>{t.chart.modules[module]}</h2>
      <p className="placeholder">{t.chart.placeholder}</p>
    </section>
  );
}
