// The moderation queue (issue #15): staff see every report; a seminar's instructors see the reports on their
// seminar's content. Anyone else gets the 404 of a page that does not exist.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { LocalTime } from "~/components/local-time";
import { isModerator, listReports, OUTCOME_LABELS, REPORT_REASON_LABELS } from "~/models/moderation.server";

export const meta: MetaFunction = () => [{ title: "Moderation · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!isModerator(user)) notFound();
  const decided = new URL(request.url).searchParams.get("show") === "decided";
  const rows = listReports({ viewer: user, open: !decided });
  return {
    decided,
    isStaff: user.role === "admin",
    rows: rows.map((r) => ({
      ...r,
      reasonLabel: REPORT_REASON_LABELS[r.reason],
      statusLabel: r.status === "open" ? "Open" : OUTCOME_LABELS[r.status],
      createdAt: new Date(r.createdAt).toISOString(),
    })),
  };
}

export default function ModerationQueue() {
  const { rows, decided, isStaff } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Moderation</h1>
        <p className="muted">
          {isStaff ? "Reports from across the network." : "Reports on the content of the seminars you teach."}{" "}
          {decided ? <Link to="/moderation">Open reports</Link> : <Link to="/moderation?show=decided">Decided reports</Link>}
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="card">{decided ? "Nothing has been decided yet." : "No open reports. Thank you for keeping an eye out."}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{decided ? "Decided reports" : "Open reports"}</caption>
          <thead>
            <tr>
              <th scope="col">Reported</th>
              <th scope="col">Reason</th>
              <th scope="col">Author</th>
              <th scope="col">When</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/moderation/${r.id}`}>{r.title || `${r.ref.kind} ${r.ref.id}`}</Link> <span className="muted">({r.ref.kind})</span>
                  {r.othersOpen ? <span className="badge">+{r.othersOpen} more reports</span> : null}
                </td>
                <td>{r.reasonLabel}</td>
                <td>{r.author?.name ?? "Unknown"}</td>
                <td>
                  <LocalTime iso={r.createdAt} />
                </td>
                <td>
                  {r.statusLabel}
                  {r.itemState ? <span className="badge">{r.itemState}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
