import type { DiffRow } from "~/services/diff.server";

/** A unified diff, readable without colour: removed and added lines are labelled and words are <del>/<ins>. */
export function DiffView({ rows, caption }: { rows: DiffRow[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="diff">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
            <th scope="col">Text</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) =>
            row.kind === "skip" ? (
              <tr key={i} className="diff__skip">
                <td colSpan={4}>
                  … {row.lines} unchanged {row.lines === 1 ? "line" : "lines"} …
                </td>
              </tr>
            ) : (
              <tr key={i} className={`diff__row diff__row--${row.kind}`}>
                <td className="diff__no">{row.kind !== "add" ? row.oldNo : ""}</td>
                <td className="diff__no">{row.kind !== "del" ? row.newNo : ""}</td>
                <td className="diff__sign">
                  {row.kind === "add" ? (
                    <span aria-label="added">+</span>
                  ) : row.kind === "del" ? (
                    <span aria-label="removed">−</span>
                  ) : (
                    ""
                  )}
                </td>
                <td className="diff__text">
                  {row.segments.map((s, k) =>
                    s.change === "add" ? (
                      <ins key={k}>{s.text}</ins>
                    ) : s.change === "del" ? (
                      <del key={k}>{s.text}</del>
                    ) : (
                      <span key={k}>{s.text}</span>
                    ),
                  )}
                  {row.segments.every((s) => !s.text) ? "\u00a0" : null}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
