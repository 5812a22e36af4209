// Issue #18: referral requests: those routed to me, my own, and open requests in my network I could take.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { referralOverview, type ReferralListing } from "~/models/referrals.server";
import { REFERRAL_STATUS_LABELS, URGENCY_LABELS } from "~/utils/careers";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Referral requests · Colloquy" }];

const PageSchema = z.coerce.number().int().min(1).max(500).catch(1);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return referralOverview({ viewer, page });
}

function List({ rows, label, showRequester = true }: { rows: ReferralListing[]; label: string; showRequester?: boolean }) {
  return (
    <ul className="plain-list stack" aria-label={label}>
      {rows.map((r) => (
        <li key={r.id}>
          <Link to={`/referrals/${r.id}`}>{r.title}</Link>{" "}
          {r.status !== "open" ? <span className="badge">{REFERRAL_STATUS_LABELS[r.status]}</span> : null}
          {r.urgency === "urgent" ? <span className="badge">Urgent</span> : null}
          <br />
          <span className="muted">
            {r.practiceArea} · {r.jurisdiction} · {URGENCY_LABELS[r.urgency]}
            {showRequester ? ` · asked by ${r.requester}` : ""} · {formatDate(r.createdAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function Referrals() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Referral requests</h1>
        <p className="muted">
          Ask colleagues for counsel, or take a matter someone needs help with. Requests go to members who are open to referrals and
          practise the area in the jurisdiction; answers are private between the two of you.
        </p>
        <p className="actions">
          <Link to="/referrals/new" className="button">
            Ask for a referral
          </Link>
          <Link to="/jobs">Careers</Link>
        </p>
      </div>
      <section className="card stack" aria-labelledby="routed-title">
        <h2 id="routed-title">Requests for you</h2>
        {d.routed.length ? <List rows={d.routed} label="Requests for you" /> : <p className="muted">No request has been routed to you.</p>}
      </section>
      <section className="card stack" aria-labelledby="mine-title">
        <h2 id="mine-title">Your requests</h2>
        {d.mine.length ? <List rows={d.mine} label="Your requests" showRequester={false} /> : <p className="muted">You have not asked for a referral.</p>}
      </section>
      <section className="card stack" aria-labelledby="open-title">
        <h2 id="open-title">Open requests in your network</h2>
        {d.open.length ? <List rows={d.open} label="Open requests in your network" /> : <p className="muted">No open requests.</p>}
        <nav aria-label="Pages" className="actions">
          {d.page > 1 ? <Link to={`?page=${d.page - 1}`}>Previous page</Link> : null}
          {d.more ? <Link to={`?page=${d.page + 1}`}>Next page</Link> : null}
        </nav>
      </section>
    </div>
  );
}
