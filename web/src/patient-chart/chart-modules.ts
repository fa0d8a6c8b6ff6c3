/** The chart's modules in display order: where later issues plug in their component. */
import type { ComponentType } from 'react';
import { CHART_MODULES, type ChartModule } from '../app/routes.ts';
import { BoardModule } from './modules/board.module.tsx';
import { DocumentsModule } from './modules/documents.module.tsx';
import { JournalModule } from './modules/journal.module.tsx';
import { MedicationModule } from './modules/medication.module.tsx';
import type { ChartModuleProps } from './modules/module-placeholder.tsx';
import { OverviewModule } from './modules/overview.module.tsx';
import { TimelineModule } from './modules/timeline.module.tsx';
import { VitalsModule } from './modules/vitals.module.tsx';

export const CHART_MODULE_COMPONENTS: Readonly<Record<ChartModule, ComponentType<ChartModuleProps>>> = {
  overview: OverviewModule,
  journal: JournalModule,
  vitals: VitalsModule,
  medication: MedicationModule,
  timeline: TimelineModule,
  documents: DocumentsModule,
  board: BoardModule,
};

export { CHART_MODULES };
