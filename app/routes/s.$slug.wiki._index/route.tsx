import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { Field } from "~/components/form";
import { MemberLink } from "~/components/member-link";
import { When } from "~/components/when";
import { getWikiPage, listRecentChanges, listWikiPages, setWikiEditPolicy, wikiPath, wikiSlug } from "~/models/wiki.server";
import { WIKI_TITLE_MAX } from "~/utils/content-limits";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, valuesOf } from "~/utils/forms";
import { nameOf } from "~/utils/names";
import { names, requireWikiEditor, requireWikiAccess } from "./wiki-helpers.server";

export const meta: MetaFunction = () => [{ title: "Wiki · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, canEdit, canManage } = await requireWikiAccess(request, params);
  const pages = listWikiPages({ seminarId: seminar.id });
  const recent = listRecentChanges({ seminarId: seminar.id, limit: 10 });
  return {
    slug: seminar.slug,
    timeZone: seminar.timeZone,
    policy: seminar.wikiEditPolicy,
    canEdit,
    canManage,
    pages: pages.map((p) => ({ slug: p.slug, title: p.title, revision: p.revision, updatedAt: p.updatedAt.toISOString() })),
    recent: recent.map((r) => ({
      id: r.revisionId,
      slug: r.slug,
      title: r.title,
      number: r.number,
      note: r.note,
      authorId: r.authorId,
      createdAt: r.createdAt.toISOString(),
    })),
    names: names(recent.map((r) => r.authorId)),
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("new"),
    title: z
      .string({ error: "Give the page a title." })
      .trim()
      .min(1, "Give the page a title.")
      .max(WIKI_TITLE_MAX, `Keep the title under ${WIKI_TITLE_MAX} characters.`),
  }),
  z.object({ intent: z.literal("policy"), policy: z.enum(["members", "instructors"], { error: "Choose who may edit." }) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWikiAccess(request, params);
  const formData = await request.formData();
  if (formData.get("intent") === "policy") {
    if (!access.canManage) throw new Response("Forbidden", { status: 403 });
  } else requireWikiEditor(access);
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  if (v.intent === "policy") {
    setWikiEditPolicy({ seminarId: access.seminar.id, policy: v.policy });
    return redirectWithFlash(`/s/${access.seminar.slug}/wiki`, {
      kind: "success",
      message: v.policy === "members" ? "All members can now edit the wiki." : "Only instructors can now edit the wiki.",
    });
  }
  const slug = wikiSlug(v.title);
  if (getWikiPage({ seminarId: access.seminar.id, slug })) {
    return redirectWithFlash(wikiPath(access.seminar.slug, slug), { kind: "info", message: "A page with that title exists already." });
  }
  return redirect(`${wikiPath(access.seminar.slug, slug)}/edit?title=${encodeURIComponent(v.title)}`);
}

export default function WikiIndex() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = errorsOf(actionData?.result);
  const values = valuesOf(actionData?.result);
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Wiki</h1>
        <p className="muted">
          {d.policy === "members" ? "Every member of the seminar can write and edit pages." : "Instructors write this wiki; members read it."}
        </p>
      </div>
      {d.canEdit ? (
        <Form method="post" className="card inline-form" aria-labelledby="new-page-title">
          <h2 id="new-page-title">Start a page</h2>
          <input type="hidden" name="intent" value="new" />
          <Field label="Title of the new page" name="title" defaultValue={values.title ?? ""} error={errors.title} maxLength={WIKI_TITLE_MAX} required />
          <button type="submit">Start writing</button>
        </Form>
      ) : null}
      <div className="two-col">
        <section aria-labelledby="pages-title">
          <h2 id="pages-title">Pages</h2>
          {d.pages.length ? (
            <ul className="link-list">
              {d.pages.map((p) => (
                <li key={p.slug}>
                  <Link to={`/s/${d.slug}/wiki/${encodeURIComponent(p.slug)}`}>{p.title}</Link>{" "}
                  <span className="muted">
                    · updated <When iso={p.updatedAt} timeZone={d.timeZone} withTime={false} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No pages yet.{d.canEdit ? " Start the first one above: a glossary, case notes, a reading list…" : ""}</p>
          )}
        </section>
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">Recent changes</h2>
          {d.recent.length ? (
            <ul className="link-list">
              {d.recent.map((r) => (
                <li key={r.id}>
                  <Link to={`/s/${d.slug}/wiki/${encodeURIComponent(r.slug)}`}>{r.title}</Link>{" "}
                  <span className="muted">
                    {r.number > 1 ? (
                      <Link to={`/s/${d.slug}/wiki/${encodeURIComponent(r.slug)}/diff?from=${r.number - 1}&to=${r.number}`}>revision {r.number}</Link>
                    ) : (
                      "new page"
                    )}{" "}
                    by <MemberLink member={nameOf(d.names, r.authorId)} />, <When iso={r.createdAt} timeZone={d.timeZone} />
                    {r.note ? ` — ${r.note}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nothing changed yet.</p>
          )}
          <p>
            <Link to={`/s/${d.slug}/feeds`}>Follow changes in a feed reader</Link>
          </p>
        </section>
      </div>
      {d.canManage ? (
        <Form method="post" className="card" aria-labelledby="policy-title">
          <h2 id="policy-title">Who may edit</h2>
          <input type="hidden" name="intent" value="policy" />
          <fieldset>
            <legend>Editing this wiki</legend>
            <label className="choice">
              <input type="radio" name="policy" value="members" defaultChecked={d.policy === "members"} /> All members of the seminar
            </label>
            <label className="choice">
              <input type="radio" name="policy" value="instructors" defaultChecked={d.policy === "instructors"} /> Instructors only
            </label>
            {errors.policy ? <p className="field__error">{errors.policy}</p> : null}
          </fieldset>
          <button type="submit" className="button--secondary">
            Save setting
          </button>
        </Form>
      ) : null}
    </div>
  );
}
