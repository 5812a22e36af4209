// Issue #17: a seminar's CLE credits for instructors and staff: sessions and their credits, who attended what,
// missing attendance, credits issued per jurisdiction; staff issue and revoke certificates and export the report.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireSeminarRole } from "~/auth/guards.server";
import { When } from "~/components/when";
import { issueSeminarCertificates } from "~/models/credit-actions.server";
import { certificatesOfSeminar, displayCode, revokeCertificate } from "~/models/certificates.server";
import { creditsOffered, earnedInSeminar, formatCredits, memberIdsOf, seminarSessionsOf } from "~/models/credits.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "CLE credits · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  const sessions = seminarSessionsOf(seminar.id);
  const offers = creditsOffered(seminar.id);
  const earned = earnedInSeminar(seminar.id);
  const members = memberIdsOf(seminar.id);
  const attendees = [...members].filter(([, m]) => m.role === "attendee");
  const creditSessions = sessions.filter((s) => offers.some((o) => o.sessionId === s.id));
  const issued = new Map<string, number>();
  for (const [userId, lines] of earned) {
    if (!members.has(userId)) continue;
    for (const l of lines) issued.set(l.jurisdiction, (issued.get(l.jurisdiction) ?? 0) + l.hundredths);
  }
  return {
    slug: seminar.slug,
    timeZone: seminar.timeZone,
    isStaff: user.role === "admin",
    ended: seminar.endsAt.getTime() <= Date.now(),
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt.toISOString(),
      credits: offers.filter((o) => o.sessionId === s.id).map((o) => `${o.jurisdictionCode} ${formatCredits(o.hundredths)} ${o.category}`),
    })),
    attendance: attendees.map(([userId, m]) => {
      const lines = earned.get(userId) ?? [];
      return {
        userId,
        name: m.name,
        sessions: creditSessions.map((s) => lines.find((l) => l.sessionId === s.id)?.minutes ?? 0),
      };
    }),
    creditSessions: creditSessions.map((s) => ({ id: s.id, title: s.title, minutes: s.minutes })),
    missing: creditSessions.map((s) => ({
      title: s.title,
      names: attendees.filter(([userId]) => !(earned.get(userId) ?? []).some((l) => l.sessionId === s.id && l.minutes > 0)).map(([, m]) => m.name),
    })),
    issued: [...issued].map(([jurisdiction, h]) => ({ jurisdiction, credits: formatCredits(h) })),
    certificates:
      user.role === "admin"
        ? certificatesOfSeminar(seminar.id).map((c) => ({ ...c, code: displayCode(c.code), issuedAt: new Date(c.issuedAt).toISOString() }))
        : [],
  };
}

const RevokeSchema = z.object({
  intent: z.literal("revoke"),
  certificateId: z.coerce.number().int().positive(),
  reason: z.string({ error: "Say why the certificate is revoked." }).trim().min(3, "Say why the certificate is revoked.").max(300),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  if (user.role !== "admin") throw new Response("Forbidden", { status: 403, statusText: "Only the institute's staff can do that." });
  const formData = await request.formData();
  const back = `/s/${seminar.slug}/credits`;
  if (formData.get("intent") === "issue") {
    const n = issueSeminarCertificates({ seminarId: seminar.id, seminarTitle: seminar.title, actorId: user.id });
    return redirectWithFlash(back, {
      kind: "success",
      message: n ? `${n} ${n === 1 ? "certificate was" : "certificates were"} issued; the members were told.` : "Every member who earned credit already has a current certificate.",
    });
  }
  const submission = parseWithZod(formData, { schema: RevokeSchema });
  if (submission.status !== "success") return data({ certificateId: Number(formData.get("certificateId")), result: submission.reply() }, { status: 400 });
  const ok = revokeCertificate({ seminarId: seminar.id, certificateId: submission.value.certificateId, reason: submission.value.reason, actorId: user.id });
  return redirectWithFlash(back, { kind: ok ? "success" : "error", message: ok ? "The certificate is revoked." : "That certificate was already revoked." });
}

export default function SeminarCredits() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <div className="stack">
      <div className="page-head">
        <h1>CLE credits</h1>
        <p className="muted">
          Attendees record attendance at <Link to={`/s/${d.slug}/attendance`}>Attendance</Link>.
          {d.isStaff ? (
            <>
              {" "}
              · <a href={`/s/${d.slug}/credits/report.csv`}>Regulator report (CSV)</a>
            </>
          ) : null}
        </p>
      </div>

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        {d.sessions.length ? (
          <ul className="plain-list stack">
            {d.sessions.map((s) => (
              <li key={s.id}>
                <Link to={`/s/${d.slug}/credits/${s.id}`}>{s.title}</Link> · <When iso={s.startsAt} timeZone={d.timeZone} />
                <br />
                <span className="muted">{s.credits.length ? s.credits.join(" · ") : "No credit set"}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">
            The schedule has no sessions yet. <Link to={`/s/${d.slug}/schedule/new`}>Add a session</Link>.
          </p>
        )}
      </section>

      <section className="card stack" aria-labelledby="who-title">
        <h2 id="who-title">Who attended what (minutes)</h2>
        {d.creditSessions.length && d.attendance.length ? (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Attendee</th>
                  {d.creditSessions.map((s) => (
                    <th scope="col" key={s.id}>
                      {s.title} ({s.minutes})
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.attendance.map((r) => (
                  <tr key={r.userId}>
                    <th scope="row">{r.name}</th>
                    {r.sessions.map((m, i) => (
                      <td key={i}>{m || "—"}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Nothing to show until sessions carry credit and the seminar has attendees.</p>
        )}
        <h3>Missing attendance</h3>
        <ul>
          {d.missing.map((m) => (
            <li key={m.title}>
              {m.title}: {m.names.length ? m.names.join(", ") : "everyone recorded"}
            </li>
          ))}
        </ul>
        <h3>Credits earned per jurisdiction</h3>
        {d.issued.length ? (
          <ul>
            {d.issued.map((i) => (
              <li key={i.jurisdiction}>
                {i.jurisdiction}: {i.credits}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None yet.</p>
        )}
      </section>

      {d.isStaff ? (
        <section className="card stack" aria-labelledby="certs-title">
          <h2 id="certs-title">Certificates</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="issue" />
            <p className="muted">
              {d.ended ? "The seminar has ended." : "The seminar has not ended yet; issue certificates once attendance is complete."} Issuing again after a
              correction replaces a changed certificate with a new code.
            </p>
            <button type="submit">Issue certificates</button>
          </Form>
          {d.certificates.length ? (
            <ul className="plain-list stack">
              {d.certificates.map((c) => (
                <li key={c.id} className={`certificate certificate--${c.status}`}>
                  <strong>{c.name}</strong> · <code>{c.code}</code> · issued <When iso={c.issuedAt} timeZone={d.timeZone} /> ·{" "}
                  <a href={`/verify/${c.code.replace(/-/g, "")}`}>{c.status === "valid" ? "Valid" : c.status === "revoked" ? `Revoked (${c.revokedReason})` : "Replaced"}</a>
                  {c.status === "valid" ? (
                    <details>
                      <summary>Revoke…</summary>
                      <Form method="post" className="stack">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="certificateId" value={c.id} />
                        <div className="field">
                          <label htmlFor={`reason-${c.id}`}>Reason</label>
                          <input id={`reason-${c.id}`} name="reason" />
                          {a?.certificateId === c.id ? <p className="field__error">{(a.result.error as Record<string, string[]> | undefined)?.reason?.[0]}</p> : null}
                        </div>
                        <button type="submit" className="button--danger">
                          Revoke certificate of {c.name}
                        </button>
                      </Form>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
