import { useId } from 'react';

/** One row of a figure table: the row's header, then its cells. */
export interface FigureRow {
  key: string;
  head: string;
  cells: Array<string | number>;
  /** A totals row, set apart. */
  total?: boolean;
}

/** Counts and percentages line up on the right; words stay on the left. */
function isFigure(cell: string | number): boolean {
  return typeof cell === 'number' || /^[\d.,]+%?( \(n=\d+\))?$/.test(cell);
}

/**
 * The numbers of a chart (or a figure on its own) as a table with a caption and header cells.
 * The wrapper scrolls sideways on a narrow phone rather than pushing the page wide, and can take
 * focus so a keyboard can scroll it.
 */
export function FigureTable({ caption, columns, rows, hideCaption = false }: { caption: string; columns: string[]; rows: FigureRow[]; hideCaption?: boolean }) {
  const id = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="figure-table">
        <caption id={id} className={hideCaption ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.total ? 'figure-total' : undefined}>
              <th scope="row">{row.head}</th>
              {row.cells.map((cell, i) => (
                <td key={i} className={isFigure(cell) ? 'figure-number' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
