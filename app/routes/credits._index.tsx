// Issue #17: a member's CLE ledger: credits by jurisdiction, reporting year and category, every credit line, the
// certificates issued to them, the bar numbers they choose to show on certificates, CSV and PDF transcript, and how far
// each compliance period they told us about is (institute and self-reported credits).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { CreditProgress } from "~/components/credit-progress";
import { LocalTime } from "~/components/local-time";
import { barAdmissionsOf, certificatesOfMember, chooseBarNumbers, displayCode } from "~/models/certificates.server";
import { complianceProgress } from "~/models/credit-compliance.server";
import { memberLedger } from "~/models/credit-ledger.server";
import { formatCredits } from "~/utils/credits";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "My CLE credits · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const ledger = memberLedger({ userId: user.id });
  return {
    totals: ledger.totals.map((t) => ({ ...t, credits: formatCredits(t.credits) })),
    lines: ledger.lines.map((l) => ({ ...l, credits: formatCredits(l.credits) })),
    certificates: certificatesOfMember(user.id).map((c) => ({ ...c, code: displayCode(c.code), issuedAt: new Date(c.issuedAt).toISOString() })),
    bars: barAdmissionsOf(user.id).filter((b) => b.barNumber.trim() !== ""),
    progress: complianceProgress(user.id, ledger.lines),
  };
}

const BarsSchema = z.object({ bar: z.array(z.coerce.number().int().positive()).default([]) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: BarsSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  chooseBarNumbers(user.id, submission.value.bar);
  return redirectWithFlash("/credits", { kind: "success", message: "Saved. New certificates will show the bar numbers you chose." });
}

export default function MyCredits() {
  const d = useLoaderData<typeof loader>();
  const byJurisdiction = new Map<string, typeof d.totals>();
  for (const t of d.totals) byJurisdiction.set(t.jurisdiction, [...(byJurisdiction.get(t.jurisdiction) ?? []), t]);
  const courses = [...new Map(d.lines.filter((l) => l.externalCreditId).map((l) => [l.externalCreditId, l])).values()];
  return (
    <div className="stack">
      <div className="page-head">
        <h1>My CLE credits</h1>
        <p>
          <a href="/credits/transcript.csv">Transcript (CSV)</a> · <a href="/credits/transcript.pdf">Transcript (PDF)</a> ·{" "}
          <Link to="/credits/external/new">Record credits from elsewhere</Link>
        </p>
      </div>
      <section aria-labelledby="periods-title" className="stack">
        <h2 id="periods-title">Compliance periods</h2>
        {d.progress.map((p) => (
          <CreditProgress key={p.id} period={p} />
        ))}
        <p className={d.progress.length ? undefined : "muted"}>
          {d.progress.length ? null : "Tell us your jurisdictions' compliance periods to see how far you are from each requirement. "}
          <Link to="/credits/periods">{d.progress.length ? "Add or remove compliance periods" : "Add a compliance period"}</Link>
        </p>
      </section>
      <section aria-labelledby="totals-title" className="stack">
        <h2 id="totals-title">By jurisdiction</h2>
        {byJurisdiction.size ? (
          [...byJurisdiction].map(([j, rows]) => (
            <div key={j} className="card ledger-jurisdiction">
              <h3>{j}</h3>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Reporting year</th>
                    <th scope="col">Category</th>
                    <th scope="col">Credits</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((t) => (
                    <tr key={`${t.period}-${t.category}`}>
                      <td>{t.period}</td>
                      <td>{t.category}</td>
                      <td>{t.credits}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))
        ) : (
          <p className="muted">No credits yet. Enter the attendance codes shown during your seminars' sessions to earn them.</p>
        )}
      </section>
      {d.lines.length ? (
        <section aria-labelledby="lines-title" className="card">
          <h2 id="lines-title">Every credit</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Seminar and session</th>
                  <th scope="col">Jurisdiction</th>
                  <th scope="col">Category</th>
                  <th scope="col">Credits</th>
                </tr>
              </thead>
              <tbody>
                {d.lines.map((l, i) => (
                  <tr key={i}>
                    <td>{l.date}</td>
                    <td>
                      {l.externalCreditId ? (
                        <>
                          {l.seminar} — {l.session} <span className="badge">Self-reported</span>{" "}
                          <a href={`/credits/external/${l.externalCreditId}/certificate`}>Certificate</a>
                        </>
                      ) : (
                        <>
                          <Link to={`/s/${l.slug}`}>{l.seminar}</Link> — {l.session}
                        </>
                      )}
                    </td>
                    <td>{l.jurisdiction}</td>
                    <td>{l.category}</td>
                    <td>{l.credits}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {courses.length ? (
        <section aria-labelledby="elsewhere-title" className="card stack">
          <h2 id="elsewhere-title">Courses you recorded from elsewhere</h2>
          <ul className="plain-list stack">
            {courses.map((l) => (
              <li key={l.externalCreditId} className="inline-form">
                <span>
                  {l.date} · {l.seminar} — {l.session} · <a href={`/credits/external/${l.externalCreditId}/certificate`}>Certificate</a>
                </span>{" "}
                <Form method="post" action="/credits/external/delete">
                  <input type="hidden" name="id" value={l.externalCreditId!} />
                  <button type="submit" className="button--small button--secondary" aria-label={`Remove ${l.seminar} (${l.date})`}>
                    Remove
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="certs-title" className="card stack">
        <h2 id="certs-title">Certificates of attendance</h2>
        {d.certificates.length ? (
          <ul className="plain-list stack">
            {d.certificates.map((c) => (
              <li key={c.id} id={`certificate-${c.id}`}>
                <strong>{c.title}</strong> · issued <LocalTime iso={c.issuedAt} /> · code <code>{c.code}</code> ·{" "}
                {c.status === "valid" ? <a href={`/credits/certificates/${c.id}.pdf`}>Download certificate (PDF)</a> : <span className="badge">{c.status === "revoked" ? "Revoked" : "Replaced by a newer certificate"}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Certificates appear here once the institute issues them after a seminar.</p>
        )}
        {d.bars.length ? (
          <Form method="post" className="stack">
            <fieldset>
              <legend>Bar numbers to show on new certificates</legend>
              {d.bars.map((b) => (
                <label key={b.id} className="checkbox">
                  <input type="checkbox" name="bar" value={b.id} defaultChecked={b.chosen} /> {b.jurisdiction} {b.barNumber}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="button--secondary">
              Save bar number choice
            </button>
          </Form>
        ) : (
          <p className="muted">
            Add your bar admissions to <Link to="/profile/edit">your profile</Link> to show bar numbers on certificates.
          </p>
        )}
      </section>
    </div>
  );
}
