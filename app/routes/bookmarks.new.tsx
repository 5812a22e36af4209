// Issue #20: save a bookmark. Prefilled from the query string, so a "Save" link on any news item, post, wiki page or
// library document (?ref=post:12 or ?url=…&title=…) and the bookmarklet both land here; saving the same link or item
// again updates the viewer's bookmark of it.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Field, TextArea } from "~/components/form";
import { WhoElseSaved } from "~/components/who-else-saved";
import {
  BookmarkFormSchema,
  normalizeUrl,
  ownBookmarkFormValues,
  parseRef,
  saveBookmark,
  viewerSeminars,
  whoElseSaved,
} from "~/models/bookmarks.server";
import { summarizeVisible, refKey } from "~/models/items.server";
import { env } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { BOOKMARK_VISIBILITIES, VISIBILITY_LABELS } from "~/utils/library";

export const meta: MetaFunction = () => [{ title: "Save a bookmark · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = new URL(request.url).searchParams;
  const ref = parseRef(p.get("ref"));
  let item: { ref: string; title: string; href: string } | null = null;
  if (ref) {
    const summary = summarizeVisible(user, [ref]).get(refKey(ref));
    // An item the viewer may not see is treated as no item at all.
    if (summary) item = { ref: refKey(ref), title: summary.title, href: summary.href };
  }
  const url = !item ? (normalizeUrl(p.get("url") ?? "") ?? "") : "";
  const target = item?.ref ?? url;
  const existing = target ? ownBookmarkFormValues({ viewerId: user.id, target }) : null;
  return {
    item,
    values: existing ?? { url, title: item?.title ?? (p.get("title") ?? "").slice(0, 300), note: "", tags: "", visibility: "private", seminarId: "" },
    existing: Boolean(existing),
    seminars: viewerSeminars(user.id),
    others: target ? whoElseSaved({ viewer: user, target }) : null,
    bookmarklet: `javascript:location.href='${env().APP_URL}/bookmarks/new?url='+encodeURIComponent(location.href)+'&title='+encodeURIComponent(document.title)`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: BookmarkFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const r = saveBookmark({ viewer: user, input: submission.value });
  if (!r.ok) return data({ result: submission.reply({ fieldErrors: { [r.field]: [r.error] } }) }, { status: 400 });
  return redirectWithFlash(`/bookmarks/${r.bookmark.id}`, { kind: "success", message: r.created ? "Saved to your bookmarks." : "Your bookmark is updated." });
}

export default function NewBookmark() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = (actionData?.result.error ?? {}) as Record<string, string[] | null>;
  const sent = (actionData?.result.initialValue ?? null) as Record<string, string> | null;
  const v = (k: keyof typeof d.values) => (sent ? (sent[k] ?? "") : String(d.values[k] ?? ""));
  const err = (k: string) => errors[k]?.[0];
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to="/bookmarks">← Bookmarks</Link>
      </p>
      <h1>{d.existing ? "Edit your bookmark" : "Save a bookmark"}</h1>
      {d.others ? <WhoElseSaved count={d.others.count} people={d.others.people} /> : null}
      <Form method="post" noValidate className="card">
        {d.item ? (
          <p>
            Saving <Link to={d.item.href}>{d.item.title}</Link>
            <input type="hidden" name="ref" value={d.item.ref} />
          </p>
        ) : (
          <Field label="Link" name="url" type="url" required maxLength={2000} placeholder="https://" defaultValue={v("url")} error={err("url")} />
        )}
        {d.item && err("url") ? <p className="field__error">{err("url")}</p> : null}
        <Field label="Title" name="title" required maxLength={300} defaultValue={v("title")} error={err("title")} />
        <TextArea label="Note" name="note" maxLength={5000} rows={4} hint="Markdown: **bold**, *italic*, [links](https://…)." defaultValue={v("note")} error={err("note")} />
        <Field label="Tags" name="tags" maxLength={300} hint="Separated by commas or spaces." defaultValue={v("tags")} error={err("tags")} />
        <fieldset className={`field${err("visibility") ? " field--invalid" : ""}`}>
          <legend>Who may see it</legend>
          {BOOKMARK_VISIBILITIES.map((vis) => (
            <label key={vis} className="choice">
              <input type="radio" name="visibility" value={vis} defaultChecked={v("visibility") === vis} /> {VISIBILITY_LABELS[vis]}
            </label>
          ))}
          {err("visibility") ? <p className="field__error">{err("visibility")}</p> : null}
        </fieldset>
        {d.seminars.length ? (
          <div className={`field${err("seminarId") ? " field--invalid" : ""}`}>
            <label htmlFor="f-seminarId">Seminar (when shared with one seminar)</label>
            <select id="f-seminarId" name="seminarId" defaultValue={v("seminarId")} aria-invalid={err("seminarId") ? true : undefined} aria-describedby={err("seminarId") ? "f-seminarId-error" : undefined}>
              <option value="">Choose…</option>
              {d.seminars.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            {err("seminarId") ? (
              <p className="field__error" id="f-seminarId-error">
                {err("seminarId")}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {d.existing ? "Save changes" : "Save bookmark"}
          </button>
        </div>
      </Form>
      <details>
        <summary>Save from any page with a bookmarklet</summary>
        <p>Drag this link to your browser's bookmarks bar; clicking it on any page brings that page here.</p>
        <p>
          <a href={d.bookmarklet} className="button">
            Save to Colloquy
          </a>
        </p>
      </details>
    </div>
  );
}
