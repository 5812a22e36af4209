// Issue #19: the invitation funnel for staff: sent → opened → accepted → profile completed → active in the first 30
// days, per source and per inviter, for the invitations sent in the range.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AnalyticsFrame, CsvLink, percent } from "~/components/analytics-frame";
import { BarChart } from "~/components/bar-chart";
import { invitationFunnel, type FunnelRow } from "~/models/analytics-funnel.server";
import { conversion, FUNNEL_STEPS, FUNNEL_STEP_LABELS } from "~/utils/analytics";
import { analyticsPage } from "../admin.analytics._index/analytics-helpers.server";

export const meta: MetaFunction = () => [{ title: "Invitation funnel · Analytics · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await analyticsPage(request, "funnel");
  return data({ frame: page.frame, search: page.search, funnel: invitationFunnel(page.range) }, { status: page.status });
}

function FunnelTable({ id, title, first, rows }: { id: string; title: string; first: string; rows: FunnelRow[] }) {
  return (
    <>
      <h2 id={id}>{title}</h2>
      {rows.length ? (
        <div className="table-wrap">
          <table aria-labelledby={id}>
            <thead>
              <tr>
                <th scope="col">{first}</th>
                {FUNNEL_STEPS.map((s) => (
                  <th key={s} scope="col">
                    {FUNNEL_STEP_LABELS[s]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  {FUNNEL_STEPS.map((s) => (
                    <td key={s}>
                      {r[s].toLocaleString("en-US")}
                      {s === "sent" ? null : <span className="muted"> ({percent(conversion(r, s), 1)})</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No invitations were sent in this range.</p>
      )}
    </>
  );
}

export default function Funnel() {
  const { frame, search, funnel } = useLoaderData<typeof loader>();
  const t = funnel.total;
  return (
    <AnalyticsFrame title="Invitation funnel" data={frame} rangeLabel="Invitations sent">
      <p>
        Of <strong>{t.sent.toLocaleString("en-US")}</strong> invitations sent from {frame.range.from} to {frame.range.to},{" "}
        <strong>{percent(conversion(t, "accepted"), 1)}</strong> were accepted and <strong>{percent(conversion(t, "active"), 1)}</strong> led to a member
        active in their first 30 days. Percentages are of the invitations sent.
      </p>
      <BarChart id="funnel" title="All invitations" bars={FUNNEL_STEPS.map((s) => ({ label: FUNNEL_STEP_LABELS[s], count: t[s] }))} total={t.sent} />
      <FunnelTable id="by-source" title="Per source" first="Source" rows={[t, ...funnel.bySource]} />
      <CsvLink table="funnel-sources" search={search}>
        Download per source as CSV
      </CsvLink>
      <FunnelTable id="by-inviter" title="Per inviter" first="Inviter" rows={funnel.byInviter} />
      <CsvLink table="funnel-inviters" search={search}>
        Download per inviter as CSV
      </CsvLink>
      <p className="muted">
        "Opened" is the first opening of the invitation page (a mail scanner that follows links counts too); "Profile completed" is the first-use set-up
        finished; "Active" is any visit or contribution within 30 days of accepting.
      </p>
    </AnalyticsFrame>
  );
}
