/** Board templates as versioned configuration (clinical-logistics.md §8): types, tailoring, resolving for a screen. */
import type { BoardColumn, ResolvedTemplate } from '../api-types.ts';
import { NameDisplay } from '../model.ts';
import { legendFor } from './legend.ts';

export type Screen = 'wall' | 'list' | 'phone';
export const SCREENS: readonly Screen[] = ['wall', 'list', 'phone'];

export interface TemplateColumn {
  readonly id: string;
  readonly label: { readonly da: string; readonly en: string };
  readonly screens: readonly Screen[];
  /** A ward may not hide it. */
  readonly required?: boolean;
}

export interface BoardTemplate {
  readonly id: string;
  readonly version: string;
  readonly name: { readonly da: string; readonly en: string };
  readonly kind: 'ward' | 'emergency';
  readonly columns: readonly TemplateColumn[];
  /** How screens the public can see show patients. */
  readonly publicNames: NameDisplay;
  readonly tailoring: {
    readonly mayHideColumns: boolean;
    readonly mayReorderColumns: boolean;
    readonly mayShowFullNamesOnPublicScreens: boolean;
  };
}

/** A ward's changes to its template. */
export interface WardTailoring {
  readonly templateId: string;
  readonly hiddenColumns?: readonly string[];
  /** Columns in this order first; the rest follow in template order. */
  readonly columnOrder?: readonly string[];
  readonly publicNames?: NameDisplay;
}

export const TailoringErrorCode = {
  wrongTemplate: 'TEMPLATE_WRONG_TEMPLATE',
  unknownColumn: 'TEMPLATE_UNKNOWN_COLUMN',
  duplicateColumn: 'TEMPLATE_DUPLICATE_COLUMN',
  requiredHidden: 'TEMPLATE_REQUIRED_COLUMN_HIDDEN',
  hideNotAllowed: 'TEMPLATE_HIDE_NOT_ALLOWED',
  reorderNotAllowed: 'TEMPLATE_REORDER_NOT_ALLOWED',
  fullNamesNotAllowed: 'TEMPLATE_FULL_NAMES_NOT_ALLOWED',
} as const;
export type TailoringErrorCode = (typeof TailoringErrorCode)[keyof typeof TailoringErrorCode];

export interface TailoringError {
  readonly code: TailoringErrorCode;
  readonly message: string;
  readonly column?: string;
}

/** The tailored template, or everything that is wrong with the tailoring. */
export type TailoringResult = BoardTemplate | { readonly errors: readonly TailoringError[] };
export const isTailoringRefused = (result: TailoringResult): result is { readonly errors: readonly TailoringError[] } => 'errors' in result;

/** Apply a ward's tailoring, or say everything that is wrong with it. */
export function tailorTemplate(template: BoardTemplate, tailoring: WardTailoring): TailoringResult {
  const errors: TailoringError[] = [];
  const err = (code: TailoringErrorCode, message: string, column?: string): void => {
    errors.push(column ? { code, message, column } : { code, message });
  };
  if (tailoring.templateId !== template.id) err(TailoringErrorCode.wrongTemplate, `Tailoring is for template "${tailoring.templateId}", not "${template.id}"`);
  const byId = new Map(template.columns.map((c) => [c.id, c]));
  const hidden = new Set(tailoring.hiddenColumns ?? []);
  for (const id of hidden) {
    const column = byId.get(id);
    if (!column) err(TailoringErrorCode.unknownColumn, `Unknown column "${id}"`, id);
    else if (column.required) err(TailoringErrorCode.requiredHidden, `Column "${id}" is required and cannot be hidden`, id);
    else if (!template.tailoring.mayHideColumns) err(TailoringErrorCode.hideNotAllowed, `Template "${template.id}" does not allow hiding columns`, id);
  }
  const order = tailoring.columnOrder ?? [];
  const seen = new Set<string>();
  for (const id of order) {
    if (!byId.has(id)) err(TailoringErrorCode.unknownColumn, `Unknown column "${id}"`, id);
    else if (seen.has(id)) err(TailoringErrorCode.duplicateColumn, `Column "${id}" appears twice in the order`, id);
    seen.add(id);
  }
  const kept = template.columns.filter((c) => !hidden.has(c.id));
  const ordered = [...order.map((id) => kept.find((c) => c.id === id)), ...kept.filter((c) => !seen.has(c.id))].filter((c): c is TemplateColumn => c !== undefined);
  const unique = ordered.filter((c, i) => ordered.indexOf(c) === i);
  if (!template.tailoring.mayReorderColumns && unique.some((c, i) => c !== kept[i])) {
    err(TailoringErrorCode.reorderNotAllowed, `Template "${template.id}" does not allow reordering columns`);
  }
  if (tailoring.publicNames === NameDisplay.full && !template.tailoring.mayShowFullNamesOnPublicScreens) {
    err(TailoringErrorCode.fullNamesNotAllowed, `Template "${template.id}" does not allow full names on public screens`);
  }
  if (errors.length > 0) return { errors };
  return { ...template, columns: unique, publicNames: tailoring.publicNames ?? template.publicNames };
}

/** The template as one screen uses it: its columns, how it shows names (public: per template; signed-in: full), and the legend. */
export function resolveTemplate(template: BoardTemplate, screen: Screen, isPublicScreen: boolean): ResolvedTemplate {
  const columns: BoardColumn[] = template.columns
    .filter((c) => c.screens.includes(screen))
    .map((c) => ({ id: c.id, label: c.label, screens: c.screens }));
  return {
    id: template.id,
    version: template.version,
    name: template.name,
    columns,
    names: isPublicScreen ? template.publicNames : NameDisplay.full,
    legend: legendFor(template.kind),
  };
}

/** Problems with a template loaded from configuration (empty when it is sound). */
export function templateProblems(template: BoardTemplate): string[] {
  const problems: string[] = [];
  if (!template.id) problems.push('id is empty');
  if (!/^\d+\.\d+\.\d+$/.test(template.version)) problems.push(`version "${template.version}" is not MAJOR.MINOR.PATCH`);
  if (template.kind !== 'ward' && template.kind !== 'emergency') problems.push(`kind "${String(template.kind)}" is unknown`);
  if (template.publicNames !== NameDisplay.full && template.publicNames !== NameDisplay.initials) problems.push(`publicNames "${String(template.publicNames)}" is unknown`);
  if (template.publicNames === NameDisplay.full && !template.tailoring.mayShowFullNamesOnPublicScreens) problems.push('publicNames is full but full names on public screens are not allowed');
  const ids = new Set<string>();
  for (const c of template.columns) {
    if (ids.has(c.id)) problems.push(`column "${c.id}" appears twice`);
    ids.add(c.id);
    if (!c.label.da || !c.label.en) problems.push(`column "${c.id}" lacks a Danish or English label`);
    if (c.screens.length === 0) problems.push(`column "${c.id}" is on no screen`);
    for (const s of c.screens) if (!SCREENS.includes(s)) problems.push(`column "${c.id}" names unknown screen "${String(s)}"`);
  }
  return problems;
}
