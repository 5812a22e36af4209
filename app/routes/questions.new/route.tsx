// Issue #14: asking. To the whole network (routed to matching experts), in a seminar, or privately to its
// instructors (?seminar=<slug>). Similar questions are suggested as the title is typed, and once more before
// posting (without JavaScript: the first submit shows them and asks to confirm).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { requireSeminarRole, requireUser } from "~/auth/guards.server";
import { Field, FormError, TextArea } from "~/components/form";
import { formatBytes } from "~/components/local-time";
import { UploadField } from "~/components/upload-field";
import { controlledLists } from "~/models/profile-write.server";
import { similarQuestions } from "~/models/question-lists.server";
import { createQuestion, questionPath } from "~/models/questions.server";
import { QUESTION_BODY_MAX, QUESTION_TITLE_MAX } from "~/utils/questions";
import { redirectWithFlash } from "~/utils/flash.server";
import { readAskForm, uploadLimits } from "../questions._index/question-attachments-form.server";
import { manyStrings } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Ask a question · Colloquy" }];

async function context(request: Request) {
  const slug = new URL(request.url).searchParams.get("seminar");
  if (!slug) return { user: await requireUser(request), seminar: null };
  const a = await requireSeminarRole(request, slug);
  if ((!a.role && !a.canManage) || a.seminar.discussionsReadOnly) {
    throw new Response("Forbidden", { status: 403, statusText: "Questions cannot be asked in this seminar now." });
  }
  return { user: a.user, seminar: { id: a.seminar.id, slug: a.seminar.slug, title: a.seminar.title } };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { seminar } = await context(request);
  const lists = controlledLists();
  const privately = new URL(request.url).searchParams.get("private") === "1";
  return { seminar, privately, areas: lists.areas, jurisdictions: lists.jurisdictions, upload: uploadLimits() };
}

const AskSchema = z.object({
  title: z.string({ error: "Say in a few words what you want to know." }).max(QUESTION_TITLE_MAX * 2, `Keep the title under ${QUESTION_TITLE_MAX} characters.`),
  body: z.string({ error: "Describe your question: the facts and what you have found so far." }).max(QUESTION_BODY_MAX * 2, "The question is far too long."),
  areas: manyStrings,
  jurisdictions: manyStrings,
  audience: z.enum(["network", "seminar", "private"]).default("seminar"),
  toInstructors: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  confirmed: z.string().optional(),
  attachmentId: z.string().optional(),
});

type Similar = { id: number; title: string; answerCount: number; accepted: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const { user, seminar } = await context(request);
  const form = await readAskForm(request, user.id);
  const submission = parseWithZod(form.formData, { schema: AskSchema });
  // A file kept from this form (pending) comes back with every answer, so nothing is chosen twice.
  const pending = form.pending;
  const none: Similar[] = [];
  if (form.fileError) return data({ result: submission.reply({ fieldErrors: { attachment: [form.fileError.error] } }), similar: none, pending }, { status: form.fileError.status });
  if (submission.status !== "success") return data({ result: submission.reply(), similar: none, pending }, { status: 400 });
  const v = submission.value;
  if (!v.confirmed) {
    const similar = similarQuestions({ viewer: user, text: v.title });
    if (similar.length) return data({ result: submission.reply(), similar, pending });
  }
  const r = createQuestion({
    viewer: user,
    seminar,
    input: { title: v.title, bodyMd: v.body, areas: v.areas, jurisdictions: v.jurisdictions, audience: v.audience, toInstructors: v.toInstructors },
    pendingAttachmentId: pending?.id ?? null,
  });
  if (!r.ok) {
    const { form: formError, ...fields } = r.errors;
    const fieldErrors = Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, [m!]]));
    return data({ result: submission.reply({ fieldErrors, formErrors: formError ? [formError] : [] }), similar: none, pending }, { status: formError ? 429 : 400 });
  }
  const who = seminar
    ? r.question.audience === "private"
      ? "Only you and the instructors can see it."
      : "The seminar's instructors were told."
    : r.routedTo.length
      ? `${r.routedTo.length} ${r.routedTo.length === 1 ? "colleague" : "colleagues"} with matching practice areas and jurisdictions were told.`
      : "Every member can see it.";
  return redirectWithFlash(questionPath(r.question.id), { kind: "success", message: `Your question is posted. ${who}` });
}

function SimilarList({ items, heading }: { items: Similar[]; heading: string }) {
  if (!items.length) return null;
  return (
    <section className="card" aria-labelledby="similar-title" aria-live="polite">
      <h2 id="similar-title">{heading}</h2>
      <ul className="link-list">
        {items.map((s) => (
          <li key={s.id}>
            <Link to={`/questions/${s.id}`} target="_blank" rel="noopener">
              {s.title}
            </Link>{" "}
            <span className="muted">
              · {s.answerCount} {s.answerCount === 1 ? "answer" : "answers"}
              {s.accepted ? " · has an accepted answer" : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function Ask() {
  const d = useLoaderData<typeof loader>();
  const ad = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = (ad?.result.error ?? {}) as Record<string, string[] | null | undefined>;
  const initial = (ad?.result.initialValue ?? {}) as Record<string, string | string[] | undefined>;
  const err = (k: string) => errors[k]?.[0] ?? null;
  const chosen = (k: string) => [initial[k] ?? []].flat();
  const fetcher = useFetcher<{ items: Similar[] }>();
  const [title, setTitle] = useState(String(initial.title ?? ""));
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    clearTimeout(timer.current);
    if (title.trim().length < 8) return;
    timer.current = setTimeout(() => fetcher.load(`/questions/similar?q=${encodeURIComponent(title)}`), 400);
    return () => clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [title]);
  const confirming = !!ad?.similar.length;
  const formAction = d.seminar ? `/questions/new?seminar=${d.seminar.slug}` : "/questions/new";
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {d.seminar ? <Link to={`/s/${d.seminar.slug}/questions`}>{d.seminar.title}: Questions</Link> : <Link to="/questions">Questions</Link>}{" "}
        <span aria-hidden="true">›</span> <span>Ask</span>
      </nav>
      <h1>{d.seminar ? `Ask in ${d.seminar.title}` : "Ask all members"}</h1>
      {confirming ? (
        <>
          <SimilarList items={ad!.similar} heading="These questions look similar. Is yours already answered?" />
          <p>If none of them is your question, post it anyway below.</p>
        </>
      ) : null}
      <FormError message={errors[""]?.[0]} />
      <Form method="post" action={formAction} encType="multipart/form-data" className="stack" noValidate>
        <Field
          label="Your question in one line"
          name="title"
          required
          maxLength={QUESTION_TITLE_MAX}
          defaultValue={String(initial.title ?? "")}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={err("title")}
        />
        {!confirming ? <SimilarList items={fetcher.data?.items ?? []} heading="Similar questions already asked" /> : null}
        <TextArea label="Details" name="body" rows={10} required defaultValue={String(initial.body ?? "")} error={err("body")} hint="Markdown works. Leave out client names and anything confidential." />
        {d.seminar ? (
          <fieldset className="field">
            <legend>Who may see it</legend>
            <label>
              <input type="radio" name="audience" value="seminar" defaultChecked={(initial.audience ?? (d.privately ? "private" : "seminar")) === "seminar"} /> The seminar's members
            </label>
            <label>
              <input type="radio" name="audience" value="private" defaultChecked={(initial.audience ?? (d.privately ? "private" : "seminar")) === "private"} /> Only the instructors
              (private)
            </label>
            <label>
              <input type="checkbox" name="toInstructors" defaultChecked={initial.toInstructors === "on"} /> Address it to the instructors
            </label>
          </fieldset>
        ) : (
          <input type="hidden" name="audience" value="network" />
        )}
        <div className={`field${err("areas") ? " field--invalid" : ""}`}>
          <label htmlFor="f-areas">Practice areas</label>
          <p className="field__hint" id="f-areas-hint">
            Up to five. {d.seminar ? "" : "Members who practise in them are told of your question."} Hold Ctrl (or ⌘) to choose several.
          </p>
          <select id="f-areas" name="areas" multiple size={6} defaultValue={chosen("areas")} aria-describedby="f-areas-hint">
            {d.areas.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
          {err("areas") ? <p className="field__error">{err("areas")}</p> : null}
        </div>
        <div className={`field${err("jurisdictions") ? " field--invalid" : ""}`}>
          <label htmlFor="f-jurisdictions">Jurisdictions</label>
          <p className="field__hint" id="f-jurisdictions-hint">
            Up to five.
          </p>
          <select id="f-jurisdictions" name="jurisdictions" multiple size={6} defaultValue={chosen("jurisdictions")} aria-describedby="f-jurisdictions-hint">
            {d.jurisdictions.map((j) => (
              <option key={j}>{j}</option>
            ))}
          </select>
          {err("jurisdictions") ? <p className="field__error">{err("jurisdictions")}</p> : null}
        </div>
        {confirming ? <input type="hidden" name="confirmed" value="1" /> : null}
        {/* Last among the fields: the text fields before it arrive first, so a refused file keeps them all. */}
        {ad?.pending ? (
          <p className="field">
            <input type="hidden" name="attachmentId" value={ad.pending.id} />
            Attached: <strong>{ad.pending.fileName}</strong> <span className="muted">({formatBytes(ad.pending.size)})</span>. It is kept; choose another file
            below only to replace it.
          </p>
        ) : null}
        <UploadField label="Attach a file (optional)" name="attachment" {...d.upload} error={err("attachment")} required={false} />
        <p className="actions">
          <button type="submit" disabled={busy}>
            {confirming ? "Post my question anyway" : "Post question"}
          </button>
          <Link to={d.seminar ? `/s/${d.seminar.slug}/questions` : "/questions"}>Cancel</Link>
        </p>
      </Form>
    </div>
  );
}
