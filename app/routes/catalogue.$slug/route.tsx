// Issue #16: one seminar in the catalogue, and the member's side of enrolment: enrol (or join the waitlist, or ask to
// join), answer the intake questions, take a seat offered from the waitlist, cancel before the deadline.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { seatsText } from "~/components/catalogue-card";
import { IntakeFields } from "~/components/intake-fields";
import { SessionTime, useViewerTimeZone } from "~/components/local-time";
import { RichText } from "~/components/rich-text";
import { listCatalogueCard } from "~/models/catalogue.server";
import { acceptOffer, cancelDeadline, cancelEnrolment, enrol, getEnrolment, waitlistPosition } from "~/models/enrolment.server";
import { intakeAnswersSchema, listIntakeQuestions, myIntakeAnswers, saveIntakeAnswers } from "~/models/intake.server";
import { FORMAT_LABELS } from "~/utils/catalogue";
import { dateTimeFormat } from "~/utils/intl";
import { redirectWithFlash } from "~/utils/flash.server";
import { requireCatalogueSeminar } from "./catalogue-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.card.title} · Catalogue · Colloquy` : "Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, seminar, role } = await requireCatalogueSeminar(request, params.slug);
  const now = new Date();
  const e = getEnrolment({ seminarId: seminar.id, userId: user.id });
  const deadline = cancelDeadline(seminar);
  const questions = listIntakeQuestions({ seminarId: seminar.id });
  const mine = myIntakeAnswers({ seminarId: seminar.id, userId: user.id });
  let state: "instructor" | "attendee" | "requested" | "waitlisted" | "offered" | "none" = "none";
  if (role) state = role;
  else if (e && (e.status === "requested" || e.status === "waitlisted" || e.status === "offered")) state = e.status;
  // An offer that lapsed a moment ago is no longer shown as open, even before the background task moves it on.
  if (state === "offered" && e?.offerExpiresAt && e.offerExpiresAt <= now) state = "none";
  return {
    card: listCatalogueCard({ seminarId: seminar.id, viewerId: user.id }),
    descriptionHtml: seminar.descriptionHtml,
    started: now >= seminar.startsAt,
    ended: now > seminar.endsAt,
    state,
    lastStatus: e?.status ?? null,
    offerExpiresAt: state === "offered" ? (e?.offerExpiresAt?.toISOString() ?? null) : null,
    position: state === "waitlisted" ? waitlistPosition({ seminarId: seminar.id, userId: user.id }) : null,
    cancelBy: deadline.toISOString(),
    canCancel: state === "attendee" ? now < deadline : state === "requested" || state === "waitlisted" || state === "offered",
    questions,
    answers: mine.answers,
    shareName: mine.shareName,
  };
}

const IntentSchema = z.object({ intent: z.enum(["enrol", "answers", "cancel", "accept"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, seminar, role } = await requireCatalogueSeminar(request, params.slug);
  const formData = await request.formData();
  const intent = IntentSchema.safeParse({ intent: formData.get("intent") });
  if (!intent.success) throw new Response("Bad Request", { status: 400 });
  const back = `/catalogue/${seminar.slug}`;
  const now = new Date();

  if (intent.data.intent === "cancel") {
    const r = cancelEnrolment({ seminarId: seminar.id, userId: user.id, now });
    return redirectWithFlash(back, { kind: r.ok ? "success" : "error", message: r.message });
  }
  if (intent.data.intent === "accept") {
    const ok = acceptOffer({ seminarId: seminar.id, userId: user.id, now });
    return ok
      ? redirectWithFlash(`/s/${seminar.slug}`, { kind: "success", message: `You are enrolled in ${seminar.title}. Welcome!` })
      : redirectWithFlash(back, { kind: "error", message: "This offer is no longer open: it lapsed or the seat was taken." });
  }

  const questions = listIntakeQuestions({ seminarId: seminar.id });
  const schema = IntentSchema.extend(intakeAnswersSchema(questions).shape);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  if (now >= seminar.startsAt) {
    return data({ result: submission.reply({ formErrors: ["This seminar has started: enrolment and intake answers are closed."] }) }, { status: 400 });
  }

  if (intent.data.intent === "answers") {
    const e = getEnrolment({ seminarId: seminar.id, userId: user.id });
    const waiting = e && ["requested", "waitlisted", "offered", "enrolled"].includes(e.status);
    if (role !== "attendee" && !waiting) throw new Response("Not Found", { status: 404 });
    saveIntakeAnswers({ seminarId: seminar.id, userId: user.id, questions, values: submission.value });
    return redirectWithFlash(back, { kind: "success", message: "Your answers are saved. You can change them until the seminar starts." });
  }

  // Enrol: answers are checked first, so a refused form saves nothing; they are stored once the enrolment is made.
  const r = enrol({ seminarId: seminar.id, userId: user.id, now });
  if (!r.ok) {
    if (r.reason === "not-found") throw new Response("Not Found", { status: 404 });
    return data({ result: submission.reply({ formErrors: [r.message] }) }, { status: 400 });
  }
  if (r.status !== "already") saveIntakeAnswers({ seminarId: seminar.id, userId: user.id, questions, values: submission.value });
  const message = {
    enrolled: `You are enrolled in ${seminar.title}. Welcome!`,
    requested: "Your request is sent. The instructors will decide soon, and you will get an email either way.",
    waitlisted: "The seminar is full, so you are on the waitlist. If a seat frees up, we will email you and hold it for 48 hours.",
    already: "You had already signed up for this seminar.",
  }[r.status];
  return redirectWithFlash(r.status === "enrolled" ? `/s/${seminar.slug}` : back, { kind: "success", message });
}

const stamp = (iso: string, timeZone: string) =>
  dateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit", timeZone, timeZoneName: "short" }).format(new Date(iso));

export default function CatalogueSeminar() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const viewerZone = useViewerTimeZone();
  const c = d.card;
  const result = actionData?.result;
  const errors = (result?.error ?? {}) as Record<string, string[] | null>;
  const initial = (result?.initialValue ?? null) as Record<string, unknown> | null;
  const formError = errors[""]?.[0];
  const intakeOpen = !d.started && d.questions.length > 0;
  return (
    <article className="stack catalogue-detail">
      <p>
        <Link to="/catalogue">← Catalogue</Link>
      </p>
      <div className="page-head">
        <h1>{c.title}</h1>
        {c.summary ? <p className="muted">{c.summary}</p> : null}
      </div>
      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title" className="visually-hidden">
          At a glance
        </h2>
        <dl className="facts">
          <div>
            <dt>When</dt>
            <dd>
              <SessionTime startIso={c.startsAt} endIso={c.endsAt} seminarZone={c.timeZone} viewerZone={viewerZone} withDay />
            </dd>
          </div>
          <div>
            <dt>Format</dt>
            <dd>
              {FORMAT_LABELS[c.format]}
              {c.venue ? ` · ${c.venue}` : ""}
            </dd>
          </div>
          {c.instructors.length ? (
            <div>
              <dt>Instructors</dt>
              <dd>
                {c.instructors.map((i, n) => (
                  <span key={i.id}>
                    {n ? ", " : ""}
                    <Link to={i.href}>{i.name}</Link>
                  </span>
                ))}
              </dd>
            </div>
          ) : null}
          {c.areas.length ? (
            <div>
              <dt>Practice areas</dt>
              <dd>{c.areas.join(", ")}</dd>
            </div>
          ) : null}
          {c.jurisdictions.length ? (
            <div>
              <dt>Jurisdictions</dt>
              <dd>{c.jurisdictions.join(", ")}</dd>
            </div>
          ) : null}
          {/* Credits on offer: shown here once the credits feature exists (no number is invented before then). */}
          {!d.started ? (
            <div>
              <dt>Places</dt>
              <dd>{seatsText(c)}</dd>
            </div>
          ) : null}
          <div>
            <dt>Enrolment</dt>
            <dd>{c.policy === "open" ? "Open to all members" : c.policy === "request" ? "By request: the instructors approve" : "By invitation"}</dd>
          </div>
        </dl>
      </section>

      <section className="card enrolment-box" aria-labelledby="enrol-title">
        <h2 id="enrol-title">Your place</h2>
        {formError ? (
          <div className="flash flash--error" role="alert">
            {formError}
          </div>
        ) : null}
        {d.state === "instructor" ? (
          <p>
            You teach this seminar. <Link to={`/s/${c.slug}`}>Open the seminar</Link>
          </p>
        ) : d.state === "attendee" ? (
          <>
            <p>
              <strong>You are enrolled.</strong> <Link to={`/s/${c.slug}`}>Open the seminar</Link>
            </p>
            {d.canCancel ? <p className="muted">You can cancel until {stamp(d.cancelBy, c.timeZone)}.</p> : !d.started ? <p className="muted">The cancellation deadline has passed; please contact the institute's staff if you cannot come.</p> : null}
          </>
        ) : d.state === "requested" ? (
          <p>Your request to join is waiting for the instructors. You will get an email when they decide.</p>
        ) : d.state === "waitlisted" ? (
          <p>
            You are <strong>number {d.position}</strong> on the waitlist. When a seat frees up, we email you and hold it for 48 hours.
          </p>
        ) : d.state === "offered" ? (
          <>
            <p>
              <strong>A seat is held for you</strong> until {stamp(d.offerExpiresAt!, c.timeZone)}.
            </p>
            <Form method="post" className="actions">
              <button type="submit" name="intent" value="accept" disabled={busy}>
                Take the seat
              </button>
            </Form>
          </>
        ) : d.started ? (
          <p>{d.ended ? "This seminar has ended." : "This seminar has started; enrolment is closed."}</p>
        ) : c.policy === "invitation" ? (
          <p>
            This seminar is by invitation only and is not listed in the catalogue. Staff can enrol members from its{" "}
            <Link to={`/s/${c.slug}/enrolment`}>Enrolment page</Link>.
          </p>
        ) : (
          <>
            {d.lastStatus === "expired" ? <p className="muted">Your earlier seat offer lapsed. You can join the waitlist again.</p> : null}
            {d.lastStatus === "declined" ? <p className="muted">Your earlier request was not accepted. You can ask again.</p> : null}
            <Form method="post" noValidate className="stack">
              {d.questions.length ? (
                <IntakeFields questions={d.questions} answers={d.answers} shareName={d.shareName} errors={errors} initial={initial} />
              ) : null}
              <div className="actions">
                <button type="submit" name="intent" value="enrol" disabled={busy}>
                  {c.policy === "request" ? "Ask to join" : c.seatsLeft === 0 ? "Join the waitlist" : "Enrol"}
                </button>
              </div>
            </Form>
          </>
        )}
        {d.canCancel ? (
          <Form method="post" className="actions">
            <button type="submit" name="intent" value="cancel" className="button--secondary" disabled={busy}>
              {d.state === "attendee" ? "Cancel my enrolment" : d.state === "requested" ? "Withdraw my request" : d.state === "offered" ? "Let the seat go" : "Leave the waitlist"}
            </button>
          </Form>
        ) : null}
      </section>

      {intakeOpen && d.state !== "none" && d.state !== "instructor" ? (
        <section className="card" aria-labelledby="intake-title">
          <h2 id="intake-title">Your answers for the instructors</h2>
          <p className="muted">You can change them until the seminar starts. Only the seminar's instructors and the institute's staff see them.</p>
          <Form method="post" noValidate className="stack">
            <IntakeFields questions={d.questions} answers={d.answers} shareName={d.shareName} errors={errors} initial={initial} />
            <div className="actions">
              <button type="submit" name="intent" value="answers" disabled={busy}>
                Save my answers
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {d.descriptionHtml ? (
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title">About this seminar</h2>
          <RichText html={d.descriptionHtml} />
        </section>
      ) : null}
    </article>
  );
}
