import { Form } from "@remix-run/react";
import { StateBadge } from "./admin-nav";

export interface InvitationItem {
  id: number;
  email: string | null;
  name: string | null;
  seminarTitle: string | null;
  seminarRole: "instructor" | "attendee" | null;
  networkRole: "admin" | "member";
  inviterName: string | null;
  acceptedByName: string | null;
  state: "pending" | "accepted" | "expired" | "revoked";
  expiresAt: string;
  createdAt: string;
}

const day = (iso: string) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));

/** Invitations with their state, who invited whom, and resend/revoke buttons (plain form posts). */
export function InvitationTable({ rows, showSeminar = true }: { rows: InvitationItem[]; showSeminar?: boolean }) {
  if (!rows.length) return <p className="muted">No invitations match.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Invitations</caption>
        <thead>
          <tr>
            <th scope="col">Invitee</th>
            {showSeminar ? <th scope="col">Seminar and role</th> : <th scope="col">Role</th>}
            <th scope="col">Invited by</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                {r.email}
                {r.name ? (
                  <>
                    <br />
                    <span className="muted">{r.name}</span>
                  </>
                ) : null}
              </td>
              <td>
                {showSeminar ? (r.seminarTitle ?? <span className="muted">Network only</span>) : null}
                {showSeminar ? <br /> : null}
                <span className="muted">
                  {r.seminarRole ?? (r.networkRole === "admin" ? "administrator" : "member")}
                </span>
              </td>
              <td>
                {r.inviterName ?? "The institute"}
                <br />
                <span className="muted">{day(r.createdAt)}</span>
              </td>
              <td>
                <StateBadge state={r.state} />
                <br />
                <span className="muted">
                  {r.state === "accepted"
                    ? `by ${r.acceptedByName ?? "a member"}`
                    : r.state === "revoked"
                      ? ""
                      : `${r.state === "expired" ? "expired" : "expires"} ${day(r.expiresAt)}`}
                </span>
              </td>
              <td>
                {r.state === "pending" || r.state === "expired" ? (
                  <div className="actions">
                    <Form method="post">
                      <input type="hidden" name="id" value={r.id} />
                      <button type="submit" name="intent" value="resend" className="button--secondary button--small" aria-label={`Resend the invitation to ${r.email}`}>
                        Resend
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="id" value={r.id} />
                      <button type="submit" name="intent" value="revoke" className="button--danger button--small" aria-label={`Revoke the invitation to ${r.email}`}>
                        Revoke
                      </button>
                    </Form>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
