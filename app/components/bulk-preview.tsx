import { Form } from "@remix-run/react";

export interface BulkPreviewData {
  rows: { line: number; email: string; name: string; role: "attendee" | "instructor"; problem: string | null }[];
  tooMany: boolean;
  good: number;
}

/** The preview of a bulk invitation: every bad row named, then one button that sends the good ones. */
export function BulkPreview({
  preview,
  values,
  seminarTitle,
  busy,
}: {
  preview: BulkPreviewData;
  values: Record<string, string>;
  seminarTitle: string | null;
  busy: boolean;
}) {
  const bad = preview.rows.filter((r) => r.problem);
  return (
    <section className="card stack" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <p>
        {preview.good} of {preview.rows.length} {preview.rows.length === 1 ? "row" : "rows"} can be invited
        {seminarTitle ? ` to ${seminarTitle}` : " to the network"}.
        {bad.length ? ` ${bad.length} ${bad.length === 1 ? "row has a problem and will be skipped" : "rows have problems and will be skipped"}.` : ""}
      </p>
      {preview.tooMany ? <p className="flash flash--error">Only the first 5,000 rows are used; send the rest as another batch.</p> : null}
      {bad.length ? (
        <div className="table-wrap">
          <table aria-label="Rows with problems">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Email</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {bad.map((r) => (
                <tr key={r.line} className="row--bad">
                  <td>{r.line}</td>
                  <td>{r.email || <span className="muted">(empty)</span>}</td>
                  <td>{r.problem}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {preview.good ? (
        <details>
          <summary>The {preview.good} people to invite</summary>
          <ul className="plain-list">
            {preview.rows
              .filter((r) => !r.problem)
              .slice(0, 500)
              .map((r) => (
                <li key={r.line}>
                  {r.email}
                  {r.name ? ` (${r.name})` : ""} · {r.role}
                </li>
              ))}
          </ul>
          {preview.good > 500 ? <p className="muted">…and {preview.good - 500} more.</p> : null}
        </details>
      ) : null}
      <Form method="post">
        <input type="hidden" name="csv" value={values.csv ?? ""} />
        <input type="hidden" name="seminar" value={values.seminar ?? ""} />
        <input type="hidden" name="message" value={values.message ?? ""} />
        <input type="hidden" name="days" value={values.days ?? "14"} />
        <button type="submit" name="intent" value="send" disabled={busy || preview.good === 0}>
          Send {preview.good} {preview.good === 1 ? "invitation" : "invitations"}
        </button>
      </Form>
    </section>
  );
}
