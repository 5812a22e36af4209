// Seminar Home: welcome, the next session, the latest materials and posts, the instructors and recent activity.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { z } from "zod";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { MemberLink } from "~/components/member-link";
import { MaterialNotices } from "~/components/material-notices";
import { SessionTime, formatAsOf, useViewerTimeZone } from "~/components/local-time";
import { RichText } from "~/components/rich-text";
import { dateTimeFormat } from "~/utils/intl";
import { listRecentActivity } from "~/models/activity.server";
import { latestPostTitles, postPath } from "~/models/blog.server";
import { listMaterials } from "~/models/material.server";
import { dismissMaterialNotices, listMaterialNotices } from "~/models/material-notices.server";
import { listInstructorIds } from "~/models/membership.server";
import { memberNames } from "~/models/profile.server";
import { nextSession } from "~/models/schedule.server";
import { onboardingReminder } from "~/models/profile-write.server";
// Issue #8: the open survey shows as a task until the attendee has answered.
import { SurveyTaskCard } from "~/components/survey-task";
import { surveyTaskFor } from "~/models/survey-response.server";
// Issue #16: alumni see the next seminars recommended for them.
import { CatalogueCard } from "~/components/catalogue-card";
import { nextSeminarsFor } from "~/models/catalogue.server";
// Issue #14: the seminar's questions the viewer may see.
import { latestSeminarQuestions } from "~/models/question-lists.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user, canManage, phase, role } = await requireSeminarRole(request, params.slug);
  const next = nextSession({ seminarId: seminar.id });
  const names = memberNames(listInstructorIds({ seminarId: seminar.id }));
  const materials = listMaterials({ seminarId: seminar.id, viewerId: user.id, withCounts: false, limit: 5 });
  const posts = latestPostTitles({ seminarId: seminar.id, limit: 3 });
  const questions = latestSeminarQuestions({ seminarId: seminar.id, viewer: user, canManage });
  return {
    seminar: {
      slug: seminar.slug,
      title: seminar.title,
      summary: seminar.summary,
      welcomeHtml: seminar.welcomeHtml,
      descriptionHtml: seminar.descriptionHtml,
      venue: seminar.venue,
      meetingUrl: seminar.meetingUrl,
      timeZone: seminar.timeZone,
      startsAt: seminar.startsAt.toISOString(),
      endsAt: seminar.endsAt.toISOString(),
    },
    phase,
    canManage,
    next: next
      ? {
          id: next.id,
          title: next.title,
          speaker: next.speaker,
          room: next.room,
          startsAt: next.startsAt.toISOString(),
          endsAt: next.endsAt.toISOString(),
        }
      : null,
    instructors: [...names.values()],
    materials: materials.map((m) => ({ id: m.id, title: m.title, version: m.version, asOf: m.asOf })),
    posts: posts.map((p) => ({ id: p.id, title: p.title, href: postPath(seminar.slug, p.id) })),
    questions: {
      items: questions.items.map((q) => ({ id: q.id, title: q.title, answerCount: q.answerCount, accepted: q.accepted, closed: q.closed, private: q.audience === "private" })),
      waiting: questions.waiting,
      canAsk: (role !== null || canManage) && !seminar.discussionsReadOnly,
    },
    activity: listRecentActivity({ seminarId: seminar.id, limit: 8 }).map((a) => ({
      id: a.id,
      summary: a.summary,
      href: a.href,
      actor: a.actorName,
      at: a.createdAt.toISOString(),
    })),
    notices: listMaterialNotices({ userId: user.id, seminarId: seminar.id }),
    surveyTask: surveyTaskFor({ seminar, userId: user.id, role }),
    // Live, never stale (issue #22): the card asks for the profile only while it is unfinished.
    profile: onboardingReminder({ userId: user.id }),
    nextSeminars: phase === "alumni" && role ? nextSeminarsFor({ userId: user.id, limit: 3 }) : [],
  };
}

/** The one form this page answers: "dismiss" on the new-versions notices. */
const DismissSchema = z.object({ intent: z.literal("dismiss-notices") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: DismissSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ formErrors: ["Unknown action."] }) }, { status: 400 });
  dismissMaterialNotices({ userId: user.id, seminarId: seminar.id });
  return { result: submission.reply() };
}

export default function SeminarHome() {
  const { seminar, phase, next, instructors, materials, posts, questions, activity, notices, canManage, surveyTask, profile, nextSeminars } =
    useLoaderData<typeof loader>();
  const viewerZone = useViewerTimeZone();
  const base = `/s/${seminar.slug}`;
  return (
    <div className="seminar-home">
      <h1 className="visually-hidden">{seminar.title}</h1>
      <MaterialNotices notices={notices} />
      <SurveyTaskCard task={surveyTask} timeZone={seminar.timeZone} />
      {seminar.welcomeHtml ? (
        <section className="card welcome" aria-labelledby="welcome-title">
          <h2 id="welcome-title">Welcome</h2>
          <RichText html={seminar.welcomeHtml} />
          {profile ? <ProfileNudge percent={profile.percent} /> : null}
        </section>
      ) : profile ? (
        <section className="card welcome" aria-label="Your profile">
          <ProfileNudge percent={profile.percent} />
        </section>
      ) : null}
      <div className="seminar-home__grid">
        <section className="card" aria-labelledby="next-title">
          <h2 id="next-title">{phase === "alumni" ? "The seminar" : "Next session"}</h2>
          {next ? (
            <>
              <p className="next-session__title">
                <Link to={`${base}/schedule#session-${next.id}`}>{next.title}</Link>
              </p>
              <p>
                <SessionTime startIso={next.startsAt} endIso={next.endsAt} seminarZone={seminar.timeZone} viewerZone={viewerZone} withDay />
              </p>
              {next.speaker ? <p className="muted">With {next.speaker}</p> : null}
              {next.room ? <p className="muted">{next.room}</p> : null}
            </>
          ) : (
            <p>
              <SessionTime startIso={seminar.startsAt} endIso={seminar.endsAt} seminarZone={seminar.timeZone} viewerZone={viewerZone} withDay />
            </p>
          )}
          {seminar.venue ? <p>{seminar.venue}</p> : null}
          {seminar.meetingUrl && phase !== "alumni" ? (
            <p>
              <a href={seminar.meetingUrl} rel="noopener noreferrer">
                Join online
              </a>
            </p>
          ) : null}
          <p>
            <Link to={`${base}/schedule`}>Full schedule</Link> · <a href={`${base}/calendar.ics`}>Add to your calendar (.ics)</a>
          </p>
        </section>
        <section className="card" aria-labelledby="materials-title">
          <h2 id="materials-title">Latest materials</h2>
          {materials.length ? (
            <ul className="plain-list">
              {materials.map((m) => (
                <li key={m.id}>
                  <Link to={`${base}/materials/${m.id}`}>{m.title}</Link>{" "}
                  <span className="muted">
                    v{m.version} · as of {formatAsOf(m.asOf)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{canManage ? "No materials yet. Upload the first one." : "No materials have been posted yet."}</p>
          )}
          <p>
            <Link to={`${base}/materials`}>All materials</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="instructors-title">
          <h2 id="instructors-title">Instructors</h2>
          {instructors.length ? (
            <ul className="plain-list">
              {instructors.map((i) => (
                <li key={i.id}>
                  <MemberLink member={i} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">The instructors will be announced soon.</p>
          )}
        </section>
        {posts.length ? (
          <section className="card" aria-labelledby="posts-title">
            <h2 id="posts-title">Latest posts</h2>
            <ul className="plain-list">
              {posts.map((p) => (
                <li key={p.id}>
                  <Link to={p.href}>{p.title}</Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section className="card" aria-labelledby="questions-title">
          <h2 id="questions-title">Questions</h2>
          {questions.items.length ? (
            <>
              <ul className="plain-list">
                {questions.items.map((q) => (
                  <li key={q.id}>
                    <Link to={`/questions/${q.id}`}>{q.title}</Link>{" "}
                    <span className="muted">
                      {q.private ? "· private " : ""}· {q.answerCount} {q.answerCount === 1 ? "answer" : "answers"}
                      {q.accepted ? " · answered" : q.closed ? " · closed" : ""}
                    </span>
                  </li>
                ))}
              </ul>
              {questions.waiting ? (
                <p className="muted">
                  <Link to={`${base}/questions?view=unanswered`}>
                    {questions.waiting} {questions.waiting === 1 ? "question waits" : "questions wait"} for a first answer
                  </Link>
                </p>
              ) : null}
            </>
          ) : (
            <p className="muted">No questions yet.</p>
          )}
          <p>
            <Link to={`${base}/questions`}>All questions</Link>
            {questions.canAsk ? (
              <>
                {" "}
                · <Link to={`/questions/new?seminar=${seminar.slug}`}>Ask a question</Link>
              </>
            ) : null}
          </p>
        </section>
      </div>
      {nextSeminars.length ? (
        <section aria-labelledby="next-seminars-title" className="stack next-seminars">
          <h2 id="next-seminars-title">Next seminars</h2>
          <p className="muted">
            Picked for you from your practice areas, jurisdictions and the seminars you attended. <Link to="/catalogue">The whole catalogue</Link>
          </p>
          <div className="grid">
            {nextSeminars.map((c) => (
              <CatalogueCard key={c.id} c={c} viewerZone={viewerZone} />
            ))}
          </div>
        </section>
      ) : null}
      {seminar.descriptionHtml ? (
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title">About this seminar</h2>
          <RichText html={seminar.descriptionHtml} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="activity-title">
        <h2 id="activity-title">Recent activity</h2>
        {activity.length ? (
          <ul className="activity-list">
            {activity.map((a) => (
              <li key={a.id}>
                {a.href ? <Link to={a.href}>{a.summary}</Link> : a.summary}{" "}
                <span className="muted">
                  {a.actor ? `· ${a.actor} ` : ""}· <time dateTime={a.at}>{dateTimeFormat("en-US", { dateStyle: "medium", timeZone: seminar.timeZone }).format(new Date(a.at))}</time>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing has happened here yet.</p>
        )}
      </section>
    </div>
  );
}

function ProfileNudge({ percent }: { percent: number }) {
  return (
    <p className="welcome__profile">
      Your profile is {percent}% complete; instructors use it to tailor the seminar.{" "}
      <Link to="/onboarding">Finish your profile</Link>
    </p>
  );
}
