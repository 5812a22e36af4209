// Issue #17: attendees enter the attendance code an instructor shows during a session (works on a phone and without
// JavaScript). Unknown codes count against a per-member allowance, so codes cannot be guessed by trying many.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireSeminarRole } from "~/auth/guards.server";
import { When } from "~/components/when";
import { claimAttendance } from "~/models/credit-actions.server";
import { attendanceFacts, creditsOffered, formatCredits, minutesAttended, seminarSessionsOf } from "~/models/credits.server";
import { checkLimit, recordFailure, type LimitPolicy } from "~/models/rate-limit.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Attendance · Colloquy" }];

/** Ten wrong codes in 15 minutes, then a pause that grows (a code has 31^6 ≈ 887 million values). */
const CODE_GUESS_POLICY: LimitPolicy = { free: 10, slowFrom: 6, windowMs: 15 * 60_000, baseBlockMs: 60_000, maxBlockMs: 15 * 60_000 };
const limitKey = (userId: number) => `attendance-code:user:${userId}`;

const CodeSchema = z.object({
  code: z
    .string({ error: "Enter the code shown on screen." })
    .trim()
    .max(20, "A code has six letters and digits.")
    .regex(/^[A-Za-z0-9\s-]+$/, "A code has only letters and digits."),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug);
  const sessions = seminarSessionsOf(seminar.id);
  const offers = creditsOffered(seminar.id);
  const facts = new Map(attendanceFacts(seminar.id, user.id).map((f) => [f.sessionId, f]));
  return {
    slug: seminar.slug,
    timeZone: seminar.timeZone,
    sessions: sessions
      .filter((s) => offers.some((o) => o.sessionId === s.id))
      .map((s) => {
        const f = facts.get(s.id);
        return {
          id: s.id,
          title: s.title,
          startsAt: s.startsAt.toISOString(),
          minutes: s.minutes,
          attended: f ? minutesAttended(f, s) : 0,
          codes: f ? `${f.codesEntered} of ${f.codesShown}` : null,
          credits: offers.filter((o) => o.sessionId === s.id).map((o) => `${o.jurisdictionCode} ${formatCredits(o.hundredths)} ${o.category}`),
        };
      }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: CodeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const state = checkLimit(limitKey(user.id), CODE_GUESS_POLICY);
  if (state.blocked) {
    return data(submission.reply({ fieldErrors: { code: [`Too many wrong codes. Try again in ${Math.ceil(state.retryAfterSeconds / 60)} minutes.`] } }), {
      status: 429,
    });
  }
  const r = claimAttendance({ seminarId: seminar.id, userId: user.id, code: submission.value.code });
  if (!r.ok) {
    if (r.reason === "unknown") recordFailure(limitKey(user.id), CODE_GUESS_POLICY);
    return data(submission.reply({ fieldErrors: { code: [r.message] } }), { status: 400 });
  }
  return redirectWithFlash(`/s/${seminar.slug}/attendance`, { kind: "success", message: `Thank you: your attendance at “${r.sessionTitle}” is recorded.` });
}

export default function Attendance() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = (result?.error as Record<string, string[] | null> | undefined)?.code?.[0];
  return (
    <div className="stack narrow">
      <h1>Attendance</h1>
      <Form method="post" className="card stack attendance-code-form" noValidate>
        <div className={`field${error ? " field--invalid" : ""}`}>
          <label htmlFor="attendance-code">Attendance code</label>
          <p className="field__hint" id="attendance-code-hint">
            Type the code the instructor shows on screen during the session.
          </p>
          <input
            id="attendance-code"
            name="code"
            className="attendance-code-input"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="text"
            maxLength={20}
            defaultValue={(result?.initialValue as Record<string, string> | undefined)?.code ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "attendance-code-hint attendance-code-error" : "attendance-code-hint"}
          />
          {error ? (
            <p className="field__error" id="attendance-code-error">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit">Record my attendance</button>
      </Form>
      <section aria-labelledby="my-sessions">
        <h2 id="my-sessions">Sessions with CLE credit</h2>
        {d.sessions.length ? (
          <ul className="plain-list stack">
            {d.sessions.map((s) => (
              <li key={s.id} className="card">
                <strong>{s.title}</strong>
                <br />
                <When iso={s.startsAt} timeZone={d.timeZone} />
                <br />
                <span className="muted">{s.credits.join(" · ")}</span>
                <br />
                {s.attended ? `Attended ${s.attended} of ${s.minutes} minutes` : "No attendance recorded yet"}
                {s.codes ? ` · codes entered: ${s.codes}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No session of this seminar carries CLE credit yet.</p>
        )}
        <p>
          <Link to="/credits">My CLE credits and certificates</Link>
        </p>
      </section>
    </div>
  );
}
