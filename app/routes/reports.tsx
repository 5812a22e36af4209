// The reports a member filed and what the moderators decided (issue #15: the reporter is told the outcome).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { LocalTime } from "~/components/local-time";
import { myReports } from "~/models/moderation.server";

export const meta: MetaFunction = () => [{ title: "Your reports · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { rows: myReports({ viewer: user }).map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })) };
}

export default function MyReports() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>Your reports</h1>
      </div>
      {rows.length === 0 ? (
        <p className="card">You have not reported anything.</p>
      ) : (
        <ul className="plain-list stack">
          {rows.map((r) => (
            <li key={r.id} className="card">
              <strong>{r.title}</strong> <span className="muted">· {r.reason} · <LocalTime iso={r.createdAt} /></span>
              <p>{r.outcome}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
