/**
 * A data table that stacks as cards on a phone: `<div class="table-scroll"><table class="data-table
 * stack-table …">`, a caption (hidden unless `captionVisible`), a `<th scope="col">` per column, and
 * per row one `<th scope="row">` (the column marked `rowHeader`) and `<td>`s, every cell with
 * `data-label` = its column's header so the stacked layout (styles.css) can label it.
 */
import type { ReactNode } from 'react';

export interface StackColumn<Row> {
  /** React key of the column. */
  readonly key: string;
  /** The column heading, also each cell's data-label. */
  readonly header: string;
  readonly cell: (row: Row) => ReactNode;
  /** This column's cells are the row headers (`<th scope="row">`). */
  readonly rowHeader?: boolean;
  /** Class of each cell in the column (not of the heading). */
  readonly className?: string;
}

/** Attributes for a row's `<tr>`: a class and data-* attributes. */
export type StackRowProps = { readonly className?: string } & { readonly [attribute: `data-${string}`]: string | undefined };

export function StackTable<Row>({
  caption,
  captionVisible = false,
  className,
  testId,
  columns,
  rows,
  rowKey,
  rowProps,
}: {
  caption: ReactNode;
  captionVisible?: boolean;
  /** Classes after "data-table stack-table". */
  className?: string;
  testId?: string;
  /** `false` entries are left out, for a column shown only sometimes. */
  columns: readonly (StackColumn<Row> | false)[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  rowProps?(row: Row): StackRowProps;
}) {
  const shown = columns.filter((c): c is StackColumn<Row> => c !== false);
  return (
    <div className="table-scroll">
      <table className={className ? `data-table stack-table ${className}` : 'data-table stack-table'} data-testid={testId}>
        <caption className={captionVisible ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {shown.map((c) => (
              <th key={c.key} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {shown.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" data-label={c.header} className={c.className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key} data-label={c.header} className={c.className}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
