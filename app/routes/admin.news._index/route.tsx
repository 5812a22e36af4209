// Admins manage the network-wide news sources (issue #7): add, refresh, remove, OPML import and export, approval of
// items from sources that require it, and the members' blogs.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { requireAdmin } from "~/auth/guards.server";
import { AddSourceForm, PendingItems, SourceTable } from "~/components/news";
import { createSource, deleteSource, getSource, importSources, listMemberBlogs, listSources } from "~/models/news.server";
import { decideItems, listPendingItems, sourceItemCounts } from "~/models/news-items.server";
import { memberNames } from "~/models/profile.server";
import { refreshSourceNow } from "~/services/news-refresh.server";
import { OPML_MAX_BYTES, parseOpml } from "~/services/opml.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { decisionsFlash, formatDay, sourceRow } from "../news._index/news-helpers.server";
import { AdminNewsSchema, decisionsOf, refusedForm } from "../news._index/news-forms.server";
import { errorsOf, formResult, replyWith, valuesOf } from "~/utils/forms";
import { unreadableForm } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "News sources · Administration · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const network = listSources({ scope: "network" });
  const blogs = listMemberBlogs();
  const counts = sourceItemCounts([...network, ...blogs.map((b) => b.source)].map((s) => s.id));
  const owners = memberNames(blogs.map((b) => b.source.ownerId!));
  const pendingTotal = [...counts.values()].reduce((n, c) => n + c.pending, 0);
  return {
    pendingTotal,
    network: network.map((s) => sourceRow(s, counts.get(s.id))),
    blogs: blogs.map((b) => ({ ...sourceRow(b.source, counts.get(b.source.id)), owner: owners.get(b.source.ownerId!)?.name ?? "a former member" })),
    pending: listPendingItems({ sourceIds: [...network, ...blogs.map((b) => b.source)].map((s) => s.id) }).map((p) => ({
      ...p,
      date: formatDay(p.publishedAt),
    })),
  };
}

const HERE = "/admin/news";

async function readForm(request: Request): Promise<FormData | "too-large"> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: OPML_MAX_BYTES }));
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return "too-large";
    // A truncated or malformed upload is the client's mistake: 400, not 500 (issue #21).
    throw unreadableForm();
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await readForm(request);
  if (form === "too-large") {
    const submission = parseWithZod(new URLSearchParams({ intent: "import" }), { schema: AdminNewsSchema });
    return data({ form: "import", result: submission.reply({ fieldErrors: { opml: ["The OPML file is larger than 1 MB."] } }) }, { status: 400 });
  }
  const submission = parseWithZod(form, { schema: AdminNewsSchema });
  if (submission.status !== "success") {
    return data({ form: refusedForm(form.get("intent"), ["import", "add"], "add"), result: submission.reply() }, { status: 400 });
  }
  const v = submission.value;
  const refuse = (errors: Record<string, string>) => data({ form: v.intent, result: submission.reply(replyWith(errors)) }, { status: 400 });
  const anySource = (id: number) => {
    const s = getSource({ id });
    if (!s || s.scope === "seminar") throw new Response("Not Found", { status: 404 });
    return s;
  };
  if (v.intent === "refresh") {
    const s = anySource(v.sourceId);
    const r = await refreshSourceNow(s.id);
    return redirectWithFlash(HERE, r.ok
      ? { kind: "success", message: `${s.name} was fetched: ${r.added} new item${r.added === 1 ? "" : "s"}.` }
      : { kind: "error", message: `${s.name} could not be fetched: ${r.error}` });
  }
  if (v.intent === "remove") {
    const s = anySource(v.sourceId);
    deleteSource({ id: s.id });
    return redirectWithFlash(HERE, { kind: "success", message: `${s.name} was removed.` });
  }
  if (v.intent === "decide") {
    const { decision, items } = decisionsOf(v);
    if (!items.length) return refuse({ decide: "Tick the items to approve or reject first." });
    for (const { sourceId } of items) anySource(sourceId);
    const done = decideItems({ items, decision, userId: admin.id });
    return redirectWithFlash(HERE, decisionsFlash(decision, items.length, done));
  }
  if (v.intent === "import") {
    const file = v.opml;
    if (!(file instanceof File) || file.size === 0) return refuse({ opml: "Choose an OPML file to import." });
    const parsed = parseOpml(await file.text());
    if (!parsed.ok) return refuse({ opml: parsed.error });
    const r = importSources({ sources: parsed.value.sources, place: { scope: "network" }, addedById: admin.id });
    const skipped = parsed.value.skipped ? `; ${parsed.value.skipped} entries without a usable feed address were skipped` : "";
    return redirectWithFlash(HERE, {
      kind: "success",
      message: `Imported ${r.added} source${r.added === 1 ? "" : "s"} (${r.existing} already listed${skipped}). They are fetched within a few minutes.`,
    });
  }
  const { intent: _, ...input } = v;
  const created = createSource({ ...input, scope: "network", addedById: admin.id });
  if (!created.ok) return refuse(created.errors as Record<string, string>);
  const r = await refreshSourceNow(created.source.id);
  return redirectWithFlash(HERE, r.ok
    ? { kind: "success", message: `${getSource({ id: created.source.id })?.name ?? "The source"} was added: ${r.added} item${r.added === 1 ? "" : "s"} fetched.` }
    : { kind: "error", message: `The source was added, but its feed could not be fetched yet: ${r.error}` });
}

export default function AdminNews() {
  const { network, blogs, pending, pendingTotal } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = errorsOf(result?.result);
  const addResult = formResult(result, "add");
  const editHref = (id: number) => `/admin/news/${id}`;
  return (
    <div className="stack news-page">
      <div className="page-head">
        <h1>News sources</h1>
        <p className="actions">
          <Link to="/news">Read the news</Link>
          <a href="/admin/news/opml" download>
            Export as OPML
          </a>
        </p>
      </div>
      <AddSourceForm failed={addResult ? { values: valuesOf(addResult), errors: errorsOf(addResult) } : null} busy={busy} open={result?.form === "add"} />
      {pending.length ? (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title">{`Waiting for approval (${pendingTotal})`}</h2>
          {pendingTotal > pending.length ? <p className="muted">{`The newest ${pending.length} are shown.`}</p> : null}
          <PendingItems items={pending} busy={busy} error={result?.form === "decide" ? errors.decide : undefined} />
        </section>
      ) : null}
      <section aria-labelledby="network-title">
        <h2 id="network-title">{`Network-wide sources (${network.length})`}</h2>
        <SourceTable sources={network} busy={busy} editHref={editHref} emptyText="No sources yet. Add one above or import an OPML file." />
      </section>
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">Import from OPML</h2>
        <Form method="post" encType="multipart/form-data" noValidate>
          <div className={`field${errors.opml ? " field--invalid" : ""}`}>
            <label htmlFor="f-opml">OPML file (from another feed reader, up to 1 MB)</label>
            <input id="f-opml" type="file" name="opml" accept=".opml,.xml,text/x-opml,application/xml,text/xml" aria-describedby={errors.opml ? "f-opml-error" : undefined} aria-invalid={errors.opml ? true : undefined} />
            {errors.opml ? (
              <p className="field__error" id="f-opml-error">
                {errors.opml}
              </p>
            ) : null}
          </div>
          <button type="submit" name="intent" value="import" disabled={busy}>
            Import
          </button>
        </Form>
      </section>
      <section aria-labelledby="blogs-title">
        <h2 id="blogs-title">{`Member blogs (${blogs.length})`}</h2>
        <SourceTable
          sources={blogs}
          busy={busy}
          editHref={editHref}
          owner={(id) => blogs.find((b) => b.id === id)?.owner ?? null}
          emptyText="No member has registered a blog yet."
        />
      </section>
    </div>
  );
}
