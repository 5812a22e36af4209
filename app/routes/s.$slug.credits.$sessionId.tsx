// Issue #17: one session's CLE credits. Staff (administrators) set the credits per jurisdiction and category, import a
// meeting platform's attendance report and correct attendance with a reason; instructors reveal attendance codes.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireSeminarRole } from "~/auth/guards.server";
import { When } from "~/components/when";
import { correctMemberAttendance } from "~/models/credit-actions.server";
import { codesOf, recordImportedMinutes, revealCode } from "~/models/credit-attendance.server";
import { listJurisdictions } from "~/models/credit-config.server";
import { attendanceFacts, creditsOffered, memberIdsOf, minutesAttended, seminarSessionsOf, setSessionCredits } from "~/models/credits.server";
import { matchAttendanceReport, type ImportResult } from "~/services/attendance-import.server";
import { formatCredits } from "~/utils/credits";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Session credits · Colloquy" }];

const staffOnly = () => {
  throw new Response("Forbidden", { status: 403, statusText: "Only the institute's staff can do that." });
};

async function sessionFor(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireSeminarRole(request, params.slug, "instructor");
  if (!/^\d{1,12}$/.test(params.sessionId ?? "")) notFound();
  const session = seminarSessionsOf(access.seminar.id).find((s) => s.id === Number(params.sessionId));
  if (!session) notFound();
  return { ...access, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user, session } = await sessionFor(request, params);
  const isStaff = user.role === "admin";
  const offered = creditsOffered(seminar.id).filter((o) => o.sessionId === session.id);
  const members = memberIdsOf(seminar.id);
  const facts = new Map(attendanceFacts(seminar.id).filter((f) => f.sessionId === session.id).map((f) => [f.userId, f]));
  const now = Date.now();
  const codes = codesOf(session.id);
  const live = [...codes].reverse().find((c) => c.expiresAt.getTime() > now);
  return {
    slug: seminar.slug,
    timeZone: seminar.timeZone,
    isStaff,
    session: { id: session.id, title: session.title, startsAt: session.startsAt.toISOString(), minutes: session.minutes },
    jurisdictions: isStaff ? listJurisdictions() : [],
    offered: offered.map((o) => ({ ...o, amount: formatCredits(o.hundredths) })),
    liveCode: live ? { code: live.code, expiresAt: live.expiresAt.toISOString() } : null,
    codes: codes.map((c) => ({ id: c.id, code: c.code, createdAt: c.createdAt.toISOString(), expiresAt: c.expiresAt.toISOString(), expired: c.expiresAt.getTime() <= now })),
    people: [...members].map(([id, m]) => {
      const f = facts.get(id);
      return {
        id,
        name: m.name,
        role: m.role,
        codes: f ? f.codesEntered : 0,
        imported: f?.importedMinutes ?? null,
        corrected: f?.correctedMinutes ?? null,
        reason: f?.correctionReason ?? null,
        minutes: f ? minutesAttended(f, session) : 0,
      };
    }),
  };
}

const RevealSchema = z.object({ intent: z.literal("reveal"), validMinutes: z.coerce.number().int().min(1).max(120) });
const CorrectSchema = z.object({
  intent: z.literal("correct"),
  userId: z.coerce.number({ error: "Choose a member." }).int().positive("Choose a member."),
  minutes: z.coerce.number({ error: "Enter the minutes attended." }).int("Whole minutes, please.").min(0).max(24 * 60),
  reason: z.string({ error: "Say why, for the audit log." }).trim().min(3, "Say why, for the audit log.").max(500),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user, session } = await sessionFor(request, params);
  const back = `/s/${seminar.slug}/credits/${session.id}`;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "reveal") {
    const submission = parseWithZod(formData, { schema: RevealSchema });
    if (submission.status !== "success") return data({ form: "reveal", result: submission.reply(), report: null }, { status: 400 });
    revealCode({ seminarId: seminar.id, sessionId: session.id, validMinutes: submission.value.validMinutes, actorId: user.id });
    return redirectWithFlash(`${back}#live-code`, { kind: "success", message: "A new attendance code is showing." });
  }
  if (user.role !== "admin") staffOnly();
  if (intent === "credits") {
    const categories = listJurisdictions().flatMap((j) => j.categories.map((c) => ({ ...c, jurisdictionId: j.id })));
    const shape: Record<string, z.ZodType> = { intent: z.literal("credits") };
    for (const c of categories) shape[`c${c.id}`] = z.string().trim().max(10).optional();
    for (const j of new Set(categories.map((c) => c.jurisdictionId))) shape[`n${j}`] = z.string().trim().max(80).optional();
    const submission = parseWithZod(formData, { schema: z.object(shape) });
    if (submission.status !== "success") return data({ form: "credits", result: submission.reply(), report: null }, { status: 400 });
    const v = submission.value as Record<string, string | undefined>;
    const r = setSessionCredits({
      seminarId: seminar.id,
      sessionId: session.id,
      actorId: user.id,
      rows: categories.map((c) => ({ categoryId: c.id, amount: v[`c${c.id}`] ?? "", courseNumber: v[`n${c.jurisdictionId}`] ?? "" })),
    });
    if (!r.ok) {
      const fieldErrors = Object.fromEntries(Object.entries(r.errors).map(([id, e]) => [`c${id}`, [e]]));
      return data({ form: "credits", result: submission.reply({ fieldErrors }), report: null }, { status: 400 });
    }
    return redirectWithFlash(back, { kind: "success", message: "The session's credits are saved." });
  }
  if (intent === "correct") {
    const submission = parseWithZod(formData, { schema: CorrectSchema });
    if (submission.status !== "success") return data({ form: "correct", result: submission.reply(), report: null }, { status: 400 });
    const r = correctMemberAttendance({ seminarId: seminar.id, seminarTitle: seminar.title, sessionId: session.id, actorId: user.id, ...submission.value });
    if (!r.ok) return data({ form: "correct", result: submission.reply({ fieldErrors: { userId: ["Choose a member of this seminar."] } }), report: null }, { status: 400 });
    return redirectWithFlash(back, {
      kind: "success",
      message: r.reissued ? "Attendance corrected. The member's certificate was reissued with a new code." : "Attendance corrected.",
    });
  }
  if (intent === "import") {
    const file = formData.get("report");
    const text = file && typeof file !== "string" ? await file.text() : "";
    if (!text.trim()) return data({ form: "import", result: null, report: { matched: [], unmatched: [], errors: ["Choose the attendance report (a CSV file)."] } as ImportResult }, { status: 400 });
    if (text.length > 5_000_000) return data({ form: "import", result: null, report: { matched: [], unmatched: [], errors: ["The file is too large."] } as ImportResult }, { status: 400 });
    const report = matchAttendanceReport({ csv: text, timeZone: seminar.timeZone, session, members: memberIdsOf(seminar.id) });
    if (report.matched.length) {
      recordImportedMinutes({ seminarId: seminar.id, sessionId: session.id, actorId: user.id, minutesByUser: new Map(report.matched.map((m) => [m.userId, m.minutes])) });
    }
    return data({ form: "import", result: null, report }, { status: report.matched.length ? 200 : 400 });
  }
  throw new Response("Bad Request", { status: 400 });
}

export default function SessionCredits() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const errors = (form: string) => (a?.form === form && a.result ? ((a.result.error ?? {}) as Record<string, string[] | null>) : {});
  const creditErrors = errors("credits");
  const correctErrors = errors("correct");
  const offeredBy = new Map(d.offered.map((o) => [o.categoryId, o]));
  return (
    <div className="stack">
      <p>
        <Link to={`/s/${d.slug}/credits`}>← CLE credits</Link>
      </p>
      <div className="page-head">
        <h1>{d.session.title}</h1>
        <p className="muted">
          <When iso={d.session.startsAt} timeZone={d.timeZone} /> · {d.session.minutes} minutes
        </p>
      </div>

      <section className="card stack" aria-labelledby="codes-title" id="live-code">
        <h2 id="codes-title">Attendance codes</h2>
        {d.liveCode ? (
          <div className="attendance-code-display" role="status">
            <p className="muted">Attendees enter this code at /s/{d.slug}/attendance</p>
            <p className="attendance-code-display__code" data-testid="live-code">
              {d.liveCode.code}
            </p>
            <p>
              Valid until <When iso={d.liveCode.expiresAt} timeZone={d.timeZone} />
            </p>
          </div>
        ) : (
          <p className="muted">No code is showing. Reveal one at a random moment during the session.</p>
        )}
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="reveal" />
          <label htmlFor="valid-minutes">Valid for</label>{" "}
          <select id="valid-minutes" name="validMinutes" defaultValue="10">
            {[2, 5, 10, 15, 30].map((m) => (
              <option key={m} value={m}>
                {m} minutes
              </option>
            ))}
          </select>{" "}
          <button type="submit">Reveal a new code</button>
        </Form>
        {d.codes.length ? (
          <ul className="plain-list">
            {d.codes.map((c) => (
              <li key={c.id}>
                <code>{c.code}</code> · shown <When iso={c.createdAt} timeZone={d.timeZone} /> · {c.expired ? "expired" : "valid"}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {d.isStaff ? (
        <section className="card stack" aria-labelledby="offer-title">
          <h2 id="offer-title">Credits offered</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="credits" />
            {d.jurisdictions.map((j) => (
              <fieldset key={j.id} className="stack">
                <legend>
                  {j.name} <span className="muted">(steps of {formatCredits(j.stepHundredths)}; {j.minutesPerCredit} minutes a credit; {j.allowsPartial ? "partial attendance counts in proportion" : "whole session only"})</span>
                </legend>
                <div className="credit-grid">
                  {j.categories.map((c) => {
                    const err = creditErrors[`c${c.id}`]?.[0];
                    return (
                      <div key={c.id} className={`field${err ? " field--invalid" : ""}`}>
                        <label htmlFor={`c${c.id}`}>
                          {j.code} {c.name}
                        </label>
                        <input
                          id={`c${c.id}`}
                          name={`c${c.id}`}
                          inputMode="decimal"
                          size={5}
                          defaultValue={offeredBy.get(c.id)?.amount ?? ""}
                          aria-invalid={err ? true : undefined}
                          aria-describedby={err ? `c${c.id}-error` : undefined}
                        />
                        {err ? (
                          <p className="field__error" id={`c${c.id}-error`}>
                            {err}
                          </p>
                        ) : null}
                      </div>
                    );
                  })}
                </div>
                <div className="field">
                  <label htmlFor={`n${j.id}`}>{j.code} approval or course number</label>
                  <input id={`n${j.id}`} name={`n${j.id}`} defaultValue={j.categories.map((c) => offeredBy.get(c.id)?.courseNumber).find(Boolean) ?? ""} />
                </div>
              </fieldset>
            ))}
            <button type="submit">Save credits</button>
          </Form>
        </section>
      ) : d.offered.length ? (
        <section className="card" aria-labelledby="offer-title">
          <h2 id="offer-title">Credits offered</h2>
          <ul>
            {d.offered.map((o) => (
              <li key={o.categoryId}>
                {o.jurisdiction}: {o.amount} {o.category}
                {o.courseNumber ? ` (course ${o.courseNumber})` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="attendance-title">
        <h2 id="attendance-title">Attendance</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Codes entered</th>
                <th scope="col">Minutes from report</th>
                <th scope="col">Correction</th>
                <th scope="col">Minutes counted</th>
              </tr>
            </thead>
            <tbody>
              {d.people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{p.codes}</td>
                  <td>{p.imported ?? "—"}</td>
                  <td>{p.corrected != null ? `${p.corrected} (${p.reason})` : "—"}</td>
                  <td>{p.minutes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {d.isStaff ? (
        <>
          <section className="card stack" aria-labelledby="import-title">
            <h2 id="import-title">Import a meeting platform's attendance report</h2>
            <p className="muted">A CSV with name, email, join time and leave time (Zoom, Teams and Webex reports work). Times without a zone are read in {d.timeZone}.</p>
            <Form method="post" encType="multipart/form-data" className="stack">
              <input type="hidden" name="intent" value="import" />
              <div className="field">
                <label htmlFor="report">Attendance report (CSV)</label>
                <input id="report" name="report" type="file" accept=".csv,text/csv" />
              </div>
              <button type="submit">Import attendance</button>
            </Form>
            {a?.form === "import" && a.report ? (
              <div role="status" className="stack" data-testid="import-result">
                <p>
                  Matched {a.report.matched.length} {a.report.matched.length === 1 ? "member" : "members"}
                  {a.report.unmatched.length ? `; ${a.report.unmatched.length} not matched` : ""}.
                </p>
                {a.report.matched.length ? (
                  <ul>
                    {a.report.matched.map((m) => (
                      <li key={m.userId}>
                        {m.name}: {m.minutes} minutes
                      </li>
                    ))}
                  </ul>
                ) : null}
                {a.report.unmatched.length ? (
                  <>
                    <h3>Not matched to a member of this seminar</h3>
                    <ul>
                      {a.report.unmatched.map((u) => (
                        <li key={`${u.name}|${u.email}`}>
                          {u.name} {u.email ? `<${u.email}>` : ""}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {a.report.errors.map((e) => (
                  <p key={e} className="field__error">
                    {e}
                  </p>
                ))}
              </div>
            ) : null}
          </section>

          <section className="card stack" aria-labelledby="correct-title">
            <h2 id="correct-title">Correct attendance</h2>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="correct" />
              <div className={`field${correctErrors.userId ? " field--invalid" : ""}`}>
                <label htmlFor="correct-user">Member</label>
                <select id="correct-user" name="userId" defaultValue="">
                  <option value="">Choose…</option>
                  {d.people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
                {correctErrors.userId ? <p className="field__error">{correctErrors.userId[0]}</p> : null}
              </div>
              <div className={`field${correctErrors.minutes ? " field--invalid" : ""}`}>
                <label htmlFor="correct-minutes">Minutes attended</label>
                <input id="correct-minutes" name="minutes" inputMode="numeric" />
                {correctErrors.minutes ? <p className="field__error">{correctErrors.minutes[0]}</p> : null}
              </div>
              <div className={`field${correctErrors.reason ? " field--invalid" : ""}`}>
                <label htmlFor="correct-reason">Reason (kept in the audit log)</label>
                <input id="correct-reason" name="reason" />
                {correctErrors.reason ? <p className="field__error">{correctErrors.reason[0]}</p> : null}
              </div>
              <button type="submit">Save correction</button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}
