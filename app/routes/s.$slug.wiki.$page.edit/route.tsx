import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { DiffView } from "~/components/diff-view";
import { Field, FormError, TextArea } from "~/components/form";
import { RichText } from "~/components/rich-text";
import { When } from "~/components/when";
import { memberName } from "~/models/profile.server";
import { renderWikiMarkdown, saveWikiPage, wikiPath } from "~/models/wiki.server";
import { WIKI_BODY_MAX, WIKI_NOTE_MAX, WIKI_TITLE_MAX } from "~/utils/content-limits";
import { diffTexts } from "~/services/diff.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, type FormResult, valuesOf } from "~/utils/forms";
import { requireWikiEditor, requireWikiAccess } from "../s.$slug.wiki._index/wiki-helpers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Editing ${data.values.title} · Wiki · Colloquy` : "Wiki · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const a = await requireWikiAccess(request, params);
  requireWikiEditor(a);
  const suggested = new URL(request.url).searchParams.get("title")?.slice(0, WIKI_TITLE_MAX);
  return {
    slug: a.seminar.slug,
    timeZone: a.seminar.timeZone,
    pageSlug: a.pageSlug,
    isNew: !a.page,
    values: a.page
      ? { title: a.page.title, body: a.page.bodyMd, note: "", baseRevision: a.page.revision }
      : { title: suggested || a.pageSlug.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase()), body: "", note: "", baseRevision: 0 },
  };
}

// Length limits are checked in the model, with a message that says how long the text is.
const EditSchema = z.object({
  intent: z.enum(["preview", "save"]),
  title: z.string().max(WIKI_TITLE_MAX * 4).default(""),
  body: z.string().max(WIKI_BODY_MAX * 4, "The page is far too long to save.").default(""),
  note: z.string().max(WIKI_NOTE_MAX * 4).default(""),
  baseRevision: z.coerce.number().int().min(0),
});

type ActionData = {
  result: FormResult;
  /** After a conflict the next save starts from the other person's revision. */
  baseRevision?: number;
  preview?: string;
  conflict?: {
    revision: number;
    title: string;
    bodyMd: string;
    authorName: string;
    note: string;
    createdAt: string;
    diff: ReturnType<typeof diffTexts>;
  };
};

export async function action({ request, params }: ActionFunctionArgs) {
  const a = await requireWikiAccess(request, params);
  requireWikiEditor(a);
  const submission = parseWithZod(await request.formData(), { schema: EditSchema });
  if (submission.status !== "success") return data<ActionData>({ result: submission.reply() }, { status: 400 });
  const values = submission.value;
  const seminar = { id: a.seminar.id, slug: a.seminar.slug };
  if (values.intent === "preview") {
    const r = renderWikiMarkdown(values.body, seminar);
    return data<ActionData>(
      r.ok ? { result: submission.reply(), preview: r.html } : { result: submission.reply({ fieldErrors: { body: [r.error] } }) },
      { status: r.ok ? 200 : 400 },
    );
  }
  const result = saveWikiPage({
    seminar,
    slug: a.page ? a.page.slug : a.pageSlug,
    title: values.title,
    bodyMd: values.body,
    note: values.note,
    baseRevision: values.baseRevision,
    authorId: a.user.id,
  });
  if (result.ok) {
    return redirectWithFlash(wikiPath(seminar.slug, result.page.slug), {
      kind: "success",
      message: result.unchanged ? "Nothing changed, so no new revision was saved." : `Saved revision ${result.page.revision}.`,
    });
  }
  if ("conflict" in result) {
    const c = result.conflict;
    return data<ActionData>(
      {
        // The next save starts from their revision: saving again is a deliberate choice, made after seeing both.
        result: submission.reply(),
        baseRevision: c.revision,
        conflict: {
          revision: c.revision,
          title: c.title,
          bodyMd: c.bodyMd,
          authorName: memberName(c.authorId).name,
          note: c.note,
          createdAt: c.createdAt.toISOString(),
          diff: diffTexts(c.bodyMd, values.body),
        },
      },
      { status: 409 },
    );
  }
  return data<ActionData>({ result: submission.reply({ fieldErrors: { [result.field]: [result.error] } }) }, { status: 400 });
}

export default function WikiEdit() {
  const d = useLoaderData<typeof loader>();
  const ad = useActionData<typeof action>() as ActionData | undefined;
  const nav = useNavigation();
  const sent = valuesOf(ad?.result);
  const v = ad
    ? { title: sent.title ?? "", body: sent.body ?? "", note: sent.note ?? "", baseRevision: ad.baseRevision ?? (Number(sent.baseRevision) || 0) }
    : d.values;
  const errors = errorsOf(ad?.result);
  const pageUrl = `/s/${d.slug}/wiki/${encodeURIComponent(d.pageSlug)}`;
  const c = ad?.conflict;
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/s/${d.slug}/wiki`}>Wiki</Link> <span aria-hidden="true">›</span>{" "}
        {d.isNew ? <span>New page</span> : <Link to={pageUrl}>{d.values.title}</Link>}
      </nav>
      <h1>{d.isNew ? "New wiki page" : `Editing “${d.values.title}”`}</h1>
      {c ? (
        <section className="conflict card" aria-labelledby="conflict-title" role="alert">
          <h2 id="conflict-title">Someone else saved this page while you were editing</h2>
          <p>
            {c.authorName} saved revision {c.revision} at <When iso={c.createdAt} timeZone={d.timeZone} />
            {c.note ? `, noting “${c.note}”` : ""}. Your text was <strong>not saved</strong>; it is still in the editor below.
            Compare both, bring what you want to keep into your text, then save again: your save will become the next
            revision after theirs.
          </p>
          <h3>What changes between their text and yours</h3>
          {c.diff.same ? <p className="muted">The texts are the same; only the title differs.</p> : <DiffView rows={c.diff.rows} caption="Their revision compared with your text" />}
          <TextArea label={`Their text (revision ${c.revision}, read only)`} name="theirs" value={c.bodyMd} readOnly rows={10} />
        </section>
      ) : null}
      <FormError message={errors.form ?? errors.intent ?? errors.baseRevision} />
      <Form method="post" className="card editor" key={c ? `c${c.revision}` : "edit"}>
        <input type="hidden" name="baseRevision" value={v.baseRevision} />
        <Field label="Title" name="title" defaultValue={v.title} error={errors.title} maxLength={WIKI_TITLE_MAX} required />
        <TextArea
          label={c ? "Your text (not saved yet)" : "Text"}
          name="body"
          defaultValue={v.body}
          error={errors.body}
          rows={18}
          hint={
            <>
              Markdown: **bold**, _italic_, # headings, - lists, [links](https://example.org), tables. Link to another page with [[Page
              name]]. At most {WIKI_BODY_MAX.toLocaleString("en-US")} characters.
            </>
          }
        />
        <Field label="What did you change? (optional)" name="note" defaultValue={v.note} maxLength={WIKI_NOTE_MAX} />
        <div className="actions">
          <button type="submit" name="intent" value="save" disabled={nav.state === "submitting"}>
            {c ? "Save my text as the next revision" : "Save"}
          </button>
          <button type="submit" name="intent" value="preview" className="button--secondary" disabled={nav.state === "submitting"}>
            Preview
          </button>
          <Link to={d.isNew ? `/s/${d.slug}/wiki` : pageUrl}>Cancel</Link>
        </div>
      </Form>
      {ad?.preview !== undefined ? (
        <section className="preview card" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview (not saved yet)</h2>
          <RichText html={ad.preview} />
        </section>
      ) : null}
    </div>
  );
}
