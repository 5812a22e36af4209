import { NavLink } from "@remix-run/react";

export const ADMIN_SECTIONS = [
  { to: "/admin", label: "Overview", end: true },
  { to: "/admin/seminars", label: "Seminars" },
  { to: "/admin/invitations", label: "Invitations", end: true },
  { to: "/admin/invitations/new", label: "Invite someone" },
  { to: "/admin/invitations/bulk", label: "Bulk invite" },
  { to: "/admin/invitations/links", label: "Invite links" },
  { to: "/admin/invitations/members", label: "Member invitations" },
  { to: "/admin/users", label: "Members" },
  { to: "/admin/deletion-requests", label: "Deletion requests" },
  { to: "/admin/mail", label: "Mail" },
  { to: "/admin/credits", label: "CLE credits" },
  { to: "/admin/audit", label: "Audit log" },
];

export function AdminNav() {
  return (
    <nav aria-label="Administration" className="seminar-nav admin-nav">
      <ul>
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to} end={s.end}>
              {s.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const STATE_LABEL = { pending: "Pending", accepted: "Accepted", expired: "Expired", revoked: "Revoked" } as const;

export function StateBadge({ state, kind = "email" }: { state: keyof typeof STATE_LABEL; kind?: "email" | "link" }) {
  const label = kind === "link" && state === "accepted" ? "Used up" : kind === "link" && state === "pending" ? "Active" : STATE_LABEL[state];
  return <span className={`badge badge--state-${state}`}>{label}</span>;
}
