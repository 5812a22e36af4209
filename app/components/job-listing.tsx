// Issue #18: one job posting in a list (the careers page and the saved jobs page).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { EMPLOYMENT_LABELS, JOB_STATUS_LABELS, SENIORITY_LABELS } from "~/utils/careers";
import { formatDate } from "~/utils/dates";

export interface JobCardData {
  id: number;
  title: string;
  organisation: string;
  location: string;
  remote: boolean;
  seniority: keyof typeof SENIORITY_LABELS;
  employmentType: keyof typeof EMPLOYMENT_LABELS;
  closesAt: string;
  status: keyof typeof JOB_STATUS_LABELS;
  areas: string[];
  jurisdictions: string[];
  matchesMe: boolean;
}

export function JobCard({ j, children }: { j: JobCardData; children?: ReactNode }) {
  return (
    <article className="card">
      <h2>
        <Link to={`/jobs/${j.id}`}>{j.title}</Link> {j.matchesMe ? <span className="badge badge--success">Matches your practice</span> : null}
        {j.status !== "open" ? <span className="badge">{JOB_STATUS_LABELS[j.status]}</span> : null}
      </h2>
      <p>
        {j.organisation} · {[j.location, j.remote ? "Remote" : ""].filter(Boolean).join(" · ")}
      </p>
      <p className="muted">
        {SENIORITY_LABELS[j.seniority]} · {EMPLOYMENT_LABELS[j.employmentType]} · closes {formatDate(j.closesAt)}
      </p>
      {j.areas.length || j.jurisdictions.length ? (
        <ul className="chips" aria-label="Practice areas and jurisdictions">
          {[...j.areas, ...j.jurisdictions].map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : null}
      {children}
    </article>
  );
}
