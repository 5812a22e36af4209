// The list table of the admin pages (issue #13): column headings, one row per item, and a sentence when there is
// nothing to list. Each page gives only its columns and how a row's cells look.
import type { ReactNode } from "react";

export function AdminTable<T>({
  rows,
  columns,
  empty,
  caption,
  rowKey,
  rowClassName,
  children,
}: {
  rows: readonly T[];
  /** The column headings, in order. */
  columns: readonly ReactNode[];
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** Read out by screen readers only. */
  caption?: string;
  rowKey: (row: T) => string | number;
  rowClassName?: (row: T) => string | undefined;
  /** The row's cells (`<td>`s). */
  children: (row: T) => ReactNode;
}) {
  if (!rows.length) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {children(row)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
