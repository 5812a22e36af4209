// Issue #14: one question and its answers, at a stable address for network, seminar and private questions alike.
// Anyone who may not see it gets the 404 of a question that does not exist (requireQuestionAccess).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { notFound } from "~/auth/guards.server";
import { FormError, TextArea } from "~/components/form";
import { QuestionAttachments } from "~/components/question-attachments";
import { ModerationNotice } from "~/components/moderation-notice";
import { messageableIds } from "~/models/message-settings.server";
import { moderationStates } from "~/models/moderation-state.server";
import { MemberLink } from "~/components/member-link";
import { RichText } from "~/components/rich-text";
import { When } from "~/components/when";
import { memberNames, profilesFor } from "~/models/profile.server";
import { acceptAnswer, answersFor, commentOnAnswer, editAnswer, listRevisions, postAnswer, setVote } from "~/models/answers.server";
import { isFollowing, setFollow } from "~/models/question-routing.server";
import { ANSWER_BODY_MAX } from "~/utils/questions";
import {
  canManageQuestion,
  editQuestion,
  publishToSeminar,
  questionPath,
  seminarOf,
  setShareConsent,
  topicsOf,
  withdrawQuestion,
} from "~/models/questions.server";
import { attachmentsOf, MAX_QUESTION_ATTACHMENTS, removeQuestionAttachment } from "~/models/question-attachments.server";
import { removeStoredFile, typeLabel } from "~/services/uploads.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { attachFile, uploadLimits } from "../questions._index/question-attachments-form.server";
import { requireQuestionAccess } from "../questions._index/questions-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.question.title} · Questions · Colloquy` : "Question · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, question: q } = await requireQuestionAccess(request, params);
  const seminar = seminarOf(q);
  // Answers the moderators hid are seen only by their author (with the notice) and staff; removed ones by nobody.
  const all = answersFor({ question: q, viewerId: user.id });
  const moderated = moderationStates("answer", all.map((a) => a.id));
  const answers = all.filter((a) => {
    const state = moderated.get(a.id);
    return !state || (state === "hidden" && (a.authorId === user.id || user.role === "admin"));
  });
  const manage = canManageQuestion(user, q);
  const isAsker = q.authorId === user.id;
  // The asker's name is hidden when the question was published anonymously (the asker and staff still see it).
  const showAsker = !q.anonymous || isAsker || user.role === "admin";
  const people = [...(showAsker && q.authorId ? [q.authorId] : []), ...answers.flatMap((a) => [a.authorId, ...a.comments.map((c) => c.authorId)]).filter((x): x is number => x !== null)];
  const names = memberNames(people);
  // Headlines only as each member's profile settings allow this viewer.
  const profiles = profilesFor(user, [...new Set(people)]);
  const person = (id: number | null) => {
    if (id === null) return null;
    const n = names.get(id);
    return n ? { ...n, headline: profiles.get(id)?.headline ?? null, canMessage: messageable.has(id) } : null;
  };
  const history = (kind: "question" | "answer", id: number) =>
    listRevisions({ kind, refId: id }).map((r) => ({ id: r.id, title: r.title, bodyMd: r.bodyMd, replacedAt: r.createdAt.toISOString() }));
  const closed = q.closedAt !== null;
  // "Message" next to the people on the page, where their own choice lets this viewer write to them (issue #15).
  const messageable = messageableIds(user, people);
  return {
    timeZone: seminar?.timeZone ?? "UTC",
    seminar: seminar ? { slug: seminar.slug, title: seminar.title } : null,
    question: {
      id: q.id,
      title: q.title,
      bodyHtml: q.bodyHtml,
      bodyMd: isAsker ? q.bodyMd : "",
      audience: q.audience,
      toInstructors: q.toInstructors,
      anonymous: q.anonymous,
      shareConsent: isAsker || manage ? q.shareConsent : "none",
      asker: showAsker ? person(q.authorId) : null,
      createdAt: q.createdAt.toISOString(),
      editedAt: q.editedAt?.toISOString() ?? null,
      closed,
      ...topicsOf(q),
      history: q.editedAt ? history("question", q.id) : [],
      attachments: attachmentsOf({ questionId: q.id }).map((a) => ({ ...a, kind: typeLabel(a.contentType) })),
    },
    upload: isAsker && !closed ? { ...uploadLimits(), max: MAX_QUESTION_ATTACHMENTS } : null,
    answers: answers.map((a) => ({
      ...a,
      author: person(a.authorId),
      createdAt: a.createdAt.toISOString(),
      editedAt: a.editedAt?.toISOString() ?? null,
      comments: a.comments.map((c) => ({ ...c, author: person(c.authorId), createdAt: c.createdAt.toISOString() })),
      history: a.editedAt ? history("answer", a.id) : [],
      mine: a.authorId === user.id,
      hidden: moderated.get(a.id) === "hidden",
    })),
    viewerId: user.id,
    isAsker,
    canManage: manage,
    canAccept: isAsker || manage,
    canAnswer: !closed && !(seminar?.discussionsReadOnly ?? false),
    isStaff: user.role === "admin",
    following: isFollowing({ userId: user.id, questionId: q.id }),
  };
}

const id = z.coerce.number().int().positive();
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("answer"), body: z.string({ error: "Write your answer before posting it." }).max(ANSWER_BODY_MAX * 2, "The answer is far too long.") }),
  z.object({ intent: z.literal("edit-answer"), answerId: id, body: z.string({ error: "An answer cannot be empty." }).max(ANSWER_BODY_MAX * 2) }),
  z.object({ intent: z.literal("comment"), answerId: id, body: z.string({ error: "Write a comment first." }).max(5_000) }),
  z.object({ intent: z.enum(["vote", "unvote", "accept"]), answerId: id }),
  z.object({ intent: z.literal("edit-question"), title: z.string({ error: "Give the question a title." }).max(1000), body: z.string({ error: "Describe your question." }).max(50_000) }),
  z.object({ intent: z.literal("consent"), consent: z.enum(["none", "named", "anonymous"]) }),
  z.object({ intent: z.literal("detach"), attachmentId: id }),
  z.object({ intent: z.enum(["unaccept", "follow", "unfollow", "publish", "withdraw", "remove"]) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, question: q } = await requireQuestionAccess(request, params);
  if (/^multipart\/form-data/i.test(request.headers.get("content-type") ?? "")) return attachFile(request, user, q);
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), form: "answer" }, { status: 400 });
  const v = submission.value;
  const here = questionPath(q.id);
  const seminar = seminarOf(q);
  const readOnly = seminar?.discussionsReadOnly ?? false;
  const done = (r: { ok: true; message: string } | { ok: false; error: string; status?: number }, anchor = "") => {
    if (!r.ok && r.status === 404) notFound();
    if (!r.ok && r.status === 403) throw new Response("Forbidden", { status: 403, statusText: r.error });
    return redirectWithFlash(`${here}${anchor}`, r.ok ? { kind: "success", message: r.message } : { kind: "error", message: r.error });
  };
  switch (v.intent) {
    case "answer": {
      if (readOnly) return data({ result: submission.reply({ formErrors: ["Discussions in this seminar are read-only."] }), form: "answer" }, { status: 403 });
      const r = postAnswer({ viewer: user, question: q, bodyMd: v.body });
      if (!r.ok) return data({ result: submission.reply({ fieldErrors: { body: [r.error] } }), form: "answer" }, { status: 400 });
      return redirectWithFlash(`${here}#answer-${r.answer.id}`, { kind: "success", message: "Your answer is posted." });
    }
    case "edit-answer": {
      const r = editAnswer({ viewer: user, question: q, answerId: v.answerId, bodyMd: v.body });
      if (!r.ok && !r.status) return data({ result: submission.reply({ fieldErrors: { body: [r.error] } }), form: `edit-${v.answerId}` }, { status: 400 });
      return done(r, `#answer-${v.answerId}`);
    }
    case "comment":
      if (readOnly) return done({ ok: false, error: "Discussions in this seminar are read-only." });
      return done(commentOnAnswer({ viewer: user, question: q, answerId: v.answerId, bodyMd: v.body }), `#answer-${v.answerId}`);
    case "vote":
    case "unvote":
      return done(setVote({ viewer: user, question: q, answerId: v.answerId, up: v.intent === "vote" }), `#answer-${v.answerId}`);
    case "accept":
      return done(acceptAnswer({ viewer: user, question: q, answerId: v.answerId }), `#answer-${v.answerId}`);
    case "unaccept":
      return done(acceptAnswer({ viewer: user, question: q, answerId: null }));
    case "edit-question": {
      const r = editQuestion({ viewer: user, question: q, title: v.title, bodyMd: v.body });
      if (!r.ok && !r.status) return data({ result: submission.reply({ formErrors: [r.error] }), form: "edit-question" }, { status: 400 });
      return done(r);
    }
    case "consent":
      return done(setShareConsent({ viewer: user, question: q, consent: v.consent }));
    case "detach": {
      const r = removeQuestionAttachment({ viewer: user, question: q, attachmentId: v.attachmentId });
      if (r.ok && r.storedName) await removeStoredFile("questions", r.storedName);
      return done(r, "#attachments");
    }
    case "publish":
      return done(publishToSeminar({ viewer: user, question: q }));
    case "follow":
    case "unfollow":
      setFollow({ userId: user.id, targetKind: "question", target: String(q.id), follow: v.intent === "follow" });
      return redirectWithFlash(here, { kind: "success", message: v.intent === "follow" ? "You will hear of new answers." : "You no longer follow this question." });
    case "withdraw":
    case "remove": {
      const r = withdrawQuestion({ viewer: user, question: q, remove: v.intent === "remove" });
      if (r.ok && r.erased) return redirectWithFlash(seminar ? `/s/${seminar.slug}/questions` : "/questions", { kind: "success", message: r.message });
      return done(r);
    }
  }
}

type Person = { id: number; name: string; href?: string; headline: string | null; canMessage?: boolean } | null;

function Byline({ person, fallback }: { person: Person; fallback: string }) {
  if (!person) return <span>{fallback}</span>;
  return (
    <>
      <MemberLink member={person} />
      {person.headline ? <span className="muted">, {person.headline}</span> : null}
      {person.canMessage ? (
        <>
          {" "}
          · <Link to={`/messages/new?to=${person.id}`} aria-label={`Send ${person.name} a message`}>Message</Link>
        </>
      ) : null}
    </>
  );
}

function History({ items, timeZone }: { items: { id: number; title: string | null; bodyMd: string; replacedAt: string }[]; timeZone: string }) {
  if (!items.length) return null;
  return (
    <details className="qa-history">
      <summary>Earlier versions ({items.length})</summary>
      <ol className="plain-list">
        {items.map((h) => (
          <li key={h.id}>
            <p className="muted">
              Replaced <When iso={h.replacedAt} timeZone={timeZone} />
            </p>
            {h.title ? <p>{h.title}</p> : null}
            <pre className="qa-history__text">{h.bodyMd}</pre>
          </li>
        ))}
      </ol>
    </details>
  );
}

export default function QuestionPage() {
  const d = useLoaderData<typeof loader>();
  const ad = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const q = d.question;
  const errorsOf = (form: string) => (ad?.form === form ? ((ad.result.error ?? {}) as Record<string, string[] | null | undefined>) : {});
  const initialOf = (form: string) => (ad?.form === form ? ((ad.result.initialValue ?? {}) as Record<string, string | undefined>) : {});
  const answerErrors = errorsOf("answer");
  const audienceNote =
    q.audience === "private"
      ? "Private: only you and the seminar's instructors can see this question."
      : q.audience === "seminar"
        ? `Seen by the members of ${d.seminar?.title ?? "the seminar"}.`
        : "Seen by all members.";
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {d.seminar ? <Link to={`/s/${d.seminar.slug}/questions`}>{d.seminar.title}: Questions</Link> : <Link to="/questions">Questions</Link>}{" "}
        <span aria-hidden="true">›</span> <span>{q.title}</span>
      </nav>
      <article className="stack post" aria-labelledby="question-title">
        <header>
          <h1 id="question-title">{q.title}</h1>
          <p className="muted">
            {q.audience === "private" ? <span className="badge">Private</span> : null}
            {q.toInstructors && q.audience !== "private" ? <span className="badge">To the instructors</span> : null}
            {q.closed ? <span className="badge">Closed</span> : null} Asked by <Byline person={q.asker} fallback="a seminar member" /> ·{" "}
            <When iso={q.createdAt} timeZone={d.timeZone} />
            {q.editedAt ? (
              <>
                {" "}
                · edited <When iso={q.editedAt} timeZone={d.timeZone} />
              </>
            ) : null}
          </p>
          <p className="muted">{audienceNote}</p>
          {q.areas.length || q.jurisdictions.length ? (
            <p className="tags">
              {[...q.areas, ...q.jurisdictions].map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </p>
          ) : null}
        </header>
        <RichText html={q.bodyHtml} />
        <QuestionAttachments questionId={q.id} attachments={q.attachments} upload={d.upload} canRemove={d.isAsker || d.isStaff} busy={busy} error={errorsOf("attach").attachment?.[0]} openForm={ad?.form === "attach"} />
        <History items={q.history} timeZone={d.timeZone} />
        <div className="actions">
          <Form method="post">
            <button type="submit" name="intent" value={d.following ? "unfollow" : "follow"} className="button--secondary">
              {d.following ? "Stop following" : "Follow this question"}
            </button>
          </Form>
          {(d.isAsker || d.canManage) && !q.closed ? (
            <Form method="post">
              <button type="submit" name="intent" value="withdraw" className="button--secondary">
                {d.isAsker && d.answers.length === 0 ? "Delete my question" : "Close the question"}
              </button>
            </Form>
          ) : null}
          {d.isStaff ? (
            <details className="danger-zone">
              <summary>Remove (staff)</summary>
              <Form method="post">
                <p>The question and all its answers are deleted for everyone.</p>
                <button type="submit" name="intent" value="remove" className="button--danger">
                  Remove the question and its answers
                </button>
              </Form>
            </details>
          ) : null}
        </div>
        {d.isAsker && !q.closed ? (
          <details>
            <summary>Edit my question</summary>
            <Form method="post" className="stack">
              <FormError message={errorsOf("edit-question")[""]?.[0]} />
              <label htmlFor="eq-title">Title</label>
              <input id="eq-title" name="title" defaultValue={initialOf("edit-question").title ?? q.title} />
              <TextArea label="Details" name="body" id="eq-body" rows={8} defaultValue={initialOf("edit-question").body ?? q.bodyMd} />
              <button type="submit" name="intent" value="edit-question" disabled={busy}>
                Save changes
              </button>
            </Form>
          </details>
        ) : null}
        {q.audience === "private" && d.isAsker ? (
          <Form method="post" className="card stack">
            <fieldset>
              <legend>May the instructors share this question and its answers with the seminar?</legend>
              {(
                [
                  ["none", "No, keep it private"],
                  ["named", "Yes, with my name"],
                  ["anonymous", "Yes, without my name"],
                ] as const
              ).map(([value, label]) => (
                <label key={value}>
                  <input type="radio" name="consent" value={value} defaultChecked={q.shareConsent === value} /> {label}
                </label>
              ))}
            </fieldset>
            <button type="submit" name="intent" value="consent" className="button--secondary">
              Save my choice
            </button>
          </Form>
        ) : null}
        {q.audience === "private" && d.canManage && !d.isAsker ? (
          <div className="card">
            {q.shareConsent === "none" ? (
              <p className="muted">The asker has not agreed to share this question with the seminar.</p>
            ) : (
              <Form method="post">
                <p>The asker agreed to share this question {q.shareConsent === "anonymous" ? "without their name" : "with their name"}.</p>
                <button type="submit" name="intent" value="publish">
                  Publish to the seminar
                </button>
              </Form>
            )}
          </div>
        ) : null}
      </article>

      <section aria-labelledby="answers-title" className="stack">
        <h2 id="answers-title">
          {d.answers.length} {d.answers.length === 1 ? "answer" : "answers"}
        </h2>
        {d.answers.map((a) => (
          <article key={a.id} id={`answer-${a.id}`} className={`card stack answer${a.accepted ? " answer--accepted" : ""}`} aria-label={`Answer by ${a.author?.name ?? "a former member"}`}>
            <p className="muted">
              {a.accepted ? <span className="badge badge--success">Accepted answer</span> : null} <Byline person={a.author} fallback="Former member" /> ·{" "}
              <When iso={a.createdAt} timeZone={d.timeZone} />
              {a.editedAt ? " · edited" : ""}
            </p>
            {a.hidden ? <ModerationNotice what="answer" /> : null}
            <RichText html={a.bodyHtml} />
            <History items={a.history} timeZone={d.timeZone} />
            <div className="actions">
              <span className="answer__score">
                {a.score} {a.score === 1 ? "vote" : "votes"}
              </span>
              {!a.mine ? (
                <Form method="post">
                  <input type="hidden" name="answerId" value={a.id} />
                  <button type="submit" name="intent" value={a.votedByViewer ? "unvote" : "vote"} className="button--small button--secondary" aria-pressed={a.votedByViewer}>
                    {a.votedByViewer ? "Voted (take back)" : "Vote up"}
                  </button>
                </Form>
              ) : null}
              {!a.mine ? (
                <Link to={`/report?kind=answer&id=${a.id}`} className="muted">
                  Report
                </Link>
              ) : null}
              {d.canAccept ? (
                <Form method="post">
                  <input type="hidden" name="answerId" value={a.id} />
                  <button type="submit" name="intent" value={a.accepted ? "unaccept" : "accept"} className="button--small button--secondary">
                    {a.accepted ? "Unmark as accepted" : "Accept this answer"}
                  </button>
                </Form>
              ) : null}
            </div>
            {a.comments.length ? (
              <ul className="plain-list answer__comments" aria-label="Comments">
                {a.comments.map((c) => (
                  <li key={c.id}>
                    <RichText html={c.bodyHtml} className="prose prose--small" />
                    <span className="muted">
                      — <Byline person={c.author} fallback="Former member" />, <When iso={c.createdAt} timeZone={d.timeZone} />
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
            {d.canAnswer ? (
              <details>
                <summary>Comment</summary>
                <Form method="post" className="stack">
                  <input type="hidden" name="answerId" value={a.id} />
                  <TextArea label="Your comment" name="body" id={`comment-${a.id}`} rows={3} maxLength={1000} />
                  <button type="submit" name="intent" value="comment" className="button--small" disabled={busy}>
                    Post comment
                  </button>
                </Form>
              </details>
            ) : null}
            {a.mine ? (
              <details open={ad?.form === `edit-${a.id}`}>
                <summary>Edit my answer</summary>
                <Form method="post" className="stack">
                  <input type="hidden" name="answerId" value={a.id} />
                  <TextArea label="Your answer" name="body" id={`edit-${a.id}`} rows={8} defaultValue={initialOf(`edit-${a.id}`).body ?? a.bodyMd} error={errorsOf(`edit-${a.id}`).body?.[0]} />
                  <button type="submit" name="intent" value="edit-answer" disabled={busy}>
                    Save changes
                  </button>
                </Form>
              </details>
            ) : null}
          </article>
        ))}
      </section>

      {d.canAnswer ? (
        <section className="card stack" aria-labelledby="your-answer-title">
          <h2 id="your-answer-title">Your answer</h2>
          <Form method="post" className="stack">
            <FormError message={answerErrors[""]?.[0]} />
            <TextArea label="Answer" name="body" id="answer-body" rows={8} defaultValue={initialOf("answer").body ?? ""} error={answerErrors.body?.[0]} hint="Markdown works." />
            <button type="submit" name="intent" value="answer" disabled={busy}>
              Post answer
            </button>
          </Form>
        </section>
      ) : (
        <p className="muted">{q.closed ? "This question is closed to new answers." : "Discussions in this seminar are read-only."}</p>
      )}
    </div>
  );
}
