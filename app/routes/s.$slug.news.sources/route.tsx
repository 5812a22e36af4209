// Instructors choose their seminar's news (issue #7): the topics it follows from the network list, its own sources,
// and approval of new items from sources that require it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireSeminarRole } from "~/auth/guards.server";
import { Field } from "~/components/form";
import { AddSourceForm, PendingItems, SourceTable } from "~/components/news";
import { createSource, deleteSource, getSource, listSources, networkTags, normalizeTags, seminarTopics, setSeminarTopics } from "~/models/news.server";
import { decideItems, listPendingItems, sourceItemCounts } from "~/models/news-items.server";
import { refreshSourceNow } from "~/services/news-refresh.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { decisionsFlash, formatDay, sourceRow } from "../news._index/news-helpers.server";
import { SeminarSourcesSchema, decisionsOf, refusedForm } from "../news._index/news-forms.server";
import { errorsOf, formResult, replyWith, valuesOf } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "News sources · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug, "instructor");
  const own = listSources({ scope: "seminar", seminarId: seminar.id });
  const counts = sourceItemCounts(own.map((s) => s.id));
  return {
    slug: seminar.slug,
    topics: seminarTopics({ seminarId: seminar.id }),
    networkTags: networkTags(),
    sources: own.map((s) => sourceRow(s, counts.get(s.id))),
    pending: listPendingItems({ sourceIds: own.map((s) => s.id) }).map((p) => ({ ...p, date: formatDay(p.publishedAt) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  const here = `/s/${seminar.slug}/news/sources`;
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SeminarSourcesSchema });
  if (submission.status !== "success") {
    return data({ form: refusedForm(formData.get("intent"), ["topics", "add"], "add"), result: submission.reply() }, { status: 400 });
  }
  const v = submission.value;
  const refuse = (errors: Record<string, string>) => data({ form: v.intent, result: submission.reply(replyWith(errors)) }, { status: 400 });
  // A source id from the form must be one of this seminar's own sources; anything else is "not found".
  const ownSource = (id: number) => {
    const s = getSource({ id });
    if (!s || s.scope !== "seminar" || s.seminarId !== seminar.id) throw new Response("Not Found", { status: 404 });
    return s;
  };
  if (v.intent === "topics") {
    setSeminarTopics({ seminarId: seminar.id, tags: normalizeTags(v.topics) });
    return redirectWithFlash(here, { kind: "success", message: "The seminar's news topics were saved." });
  }
  if (v.intent === "refresh") {
    const s = ownSource(v.sourceId);
    const r = await refreshSourceNow(s.id);
    return redirectWithFlash(here, r.ok
      ? { kind: "success", message: `${s.name} was fetched: ${r.added} new item${r.added === 1 ? "" : "s"}.` }
      : { kind: "error", message: `${s.name} could not be fetched: ${r.error}` });
  }
  if (v.intent === "remove") {
    const s = ownSource(v.sourceId);
    deleteSource({ id: s.id });
    return redirectWithFlash(here, { kind: "success", message: `${s.name} was removed from this seminar's news.` });
  }
  if (v.intent === "decide") {
    const { decision, items } = decisionsOf(v);
    if (!items.length) return refuse({ decide: "Tick the items to approve or reject first." });
    for (const { sourceId } of items) ownSource(sourceId);
    const done = decideItems({ items, decision, userId: user.id });
    return redirectWithFlash(here, decisionsFlash(decision, items.length, done));
  }
  const { intent: _, ...input } = v;
  const created = createSource({ ...input, scope: "seminar", seminarId: seminar.id, addedById: user.id });
  if (!created.ok) return refuse(created.errors as Record<string, string>);
  const r = await refreshSourceNow(created.source.id);
  return redirectWithFlash(here, r.ok
    ? { kind: "success", message: `${getSource({ id: created.source.id })?.name ?? "The source"} was added: ${r.added} item${r.added === 1 ? "" : "s"} fetched.` }
    : { kind: "error", message: `The source was added, but its feed could not be fetched yet: ${r.error}` });
}

export default function SeminarNewsSources() {
  const { slug, topics, networkTags, sources, pending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = errorsOf(result?.result);
  const addResult = formResult(result, "add");
  const topicsResult = formResult(result, "topics");
  return (
    <div className="stack news-page">
      <div className="page-head">
        <h1>News sources</h1>
        <p className="actions">
          <Link to={`/s/${slug}/news`}>Back to the news</Link>
        </p>
      </div>

      <section className="card" aria-labelledby="topics-title">
        <h2 id="topics-title">Topics from the network's sources</h2>
        <Form method="post" noValidate>
          <Field
            label="Topics this seminar follows"
            name="topics"
            hint={
              networkTags.length
                ? `Separated by commas. Network sources tagged with any of them appear in the seminar's news. Tags in use: ${networkTags.join(", ")}.`
                : "Separated by commas. With no topics, all network sources appear."
            }
            defaultValue={topicsResult ? (valuesOf(topicsResult).topics ?? "") : topics.join(", ")}
            error={topicsResult ? errors.topics : undefined}
          />
          <button type="submit" name="intent" value="topics" disabled={busy}>
            Save topics
          </button>
        </Form>
      </section>

      <AddSourceForm failed={addResult ? { values: valuesOf(addResult), errors: errorsOf(addResult) } : null} busy={busy} open={result?.form === "add" || sources.length === 0} />

      {pending.length ? (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title">{`Waiting for approval (${sources.reduce((n, s) => n + s.pending, 0)})`}</h2>
          <PendingItems items={pending} busy={busy} error={result?.form === "decide" ? errors.decide : undefined} />
        </section>
      ) : null}

      <section aria-labelledby="own-title">
        <h2 id="own-title">This seminar's own sources</h2>
        <SourceTable sources={sources} busy={busy} emptyText="No sources of its own yet: add one above." />
      </section>
    </div>
  );
}
