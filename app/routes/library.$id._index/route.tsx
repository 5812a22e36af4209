// Issue #20: one library document: its details, every version with "as of" dates, following (a new version alerts
// followers), featuring it in seminars the viewer teaches, saving it as a bookmark and who else saved it.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { SeminarChoiceForm } from "~/components/seminar-choice-form";
import { formatAsOf, formatBytes, LocalTime } from "~/components/local-time";
import { whoElseSaved, myBookmarkOf } from "~/models/bookmarks.server";
import { canAddVersion } from "~/models/library-access.server";
import { featuredInForViewer, seminarsViewerManages, setFeatured } from "~/models/library-features.server";
import { documentAreas, isFollowing, KIND_LABELS, listDocumentVersions, setFollowing } from "~/models/library.server";
import { typeLabel } from "~/services/uploads.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requireDocument } from "../library._index/library-helpers.server";
import { WhoElseSaved } from "~/components/who-else-saved";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.document.title} · Library · Colloquy` : "Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const doc = requireDocument(params);
  const target = `document:${doc.id}`;
  const manages = seminarsViewerManages(user);
  const featuredIn = featuredInForViewer({ documentId: doc.id, viewer: user });
  return {
    document: {
      id: doc.id,
      title: doc.title,
      kindLabel: KIND_LABELS[doc.kind],
      jurisdiction: doc.jurisdiction,
      dated: doc.dated,
      citation: doc.citation,
      description: doc.description,
      currentVersion: doc.currentVersion,
      areas: documentAreas({ documentId: doc.id }),
    },
    versions: listDocumentVersions({ documentId: doc.id }).map((v) => ({
      ...v,
      kind: typeLabel(v.contentType),
      isPdf: v.contentType === "application/pdf",
      createdAt: v.createdAt.toISOString(),
    })),
    following: isFollowing({ documentId: doc.id, userId: user.id }),
    canAddVersion: canAddVersion(user, doc),
    featuredIn,
    // Where the viewer may still feature it, and where they may take it off.
    featureChoices: manages.filter((s) => !featuredIn.some((f) => f.id === s.id)),
    canUnfeature: manages.map((s) => s.id),
    saved: myBookmarkOf({ viewerId: user.id, target }),
    others: whoElseSaved({ viewer: user, target }),
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("follow") }),
  z.object({ intent: z.literal("unfollow") }),
  z.object({ intent: z.literal("feature"), seminarId: z.coerce.number({ error: "Choose a seminar." }).int().positive("Choose a seminar.") }),
  z.object({ intent: z.literal("unfeature"), seminarId: z.coerce.number().int().positive() }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const doc = requireDocument(params);
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const back = `/library/${doc.id}`;
  const v = submission.value;
  if (v.intent === "follow" || v.intent === "unfollow") {
    setFollowing({ documentId: doc.id, userId: user.id, follow: v.intent === "follow" });
    return redirectWithFlash(back, {
      kind: "success",
      message: v.intent === "follow" ? "You follow this document: you will hear of new versions." : "You no longer follow this document.",
    });
  }
  const seminar = seminarsViewerManages(user).find((s) => s.id === v.seminarId);
  if (!seminar) return data({ result: submission.reply({ fieldErrors: { seminarId: ["Choose a seminar you teach."] } }) }, { status: 400 });
  setFeatured({ seminarId: seminar.id, documentId: doc.id, actorId: user.id, featured: v.intent === "feature" });
  return redirectWithFlash(back, {
    kind: "success",
    message: v.intent === "feature" ? `Featured in ${seminar.title}: it shows among its materials.` : `No longer featured in ${seminar.title}.`,
  });
}

export default function LibraryDocumentPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const seminarError = (actionData?.result.error as Record<string, string[] | null> | undefined)?.seminarId?.[0];
  const doc = d.document;
  const base = `/library/${doc.id}`;
  const current = d.versions[0];
  return (
    <div className="stack">
      <p>
        <Link to="/library">← Library</Link>
      </p>
      <div className="page-head">
        <h1>{doc.title}</h1>
        <p className="muted">
          {doc.kindLabel}
          {doc.jurisdiction ? ` · ${doc.jurisdiction}` : ""} · dated {formatAsOf(doc.dated)}
        </p>
      </div>
      {doc.citation ? <p>Source: {doc.citation}</p> : null}
      {doc.areas.length ? <p className="muted">Practice areas: {doc.areas.join(", ")}</p> : null}
      {doc.description ? <p className="pre-line">{doc.description}</p> : null}
      <div className="actions">
        {current ? (
          <>
            <a className="button" href={`${base}/file`} download>
              Download ({current.kind}, {formatBytes(current.sizeBytes)})
            </a>
            {current.isPdf ? (
              <a href={`${base}/file?preview=1`} target="_blank" rel="noopener noreferrer">
                Preview the PDF
              </a>
            ) : null}
          </>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value={d.following ? "unfollow" : "follow"} />
          <button type="submit">{d.following ? "Stop following" : "Follow this document"}</button>
        </Form>
        {d.saved ? (
          <Link to={`/bookmarks/${d.saved.id}`}>In your bookmarks</Link>
        ) : (
          <Link to={`/bookmarks/new?ref=document:${doc.id}`}>Save as a bookmark</Link>
        )}
        {d.canAddVersion ? <Link to={`${base}/upload`}>Upload a new version</Link> : null}
      </div>
      <WhoElseSaved count={d.others.count} people={d.others.people} />

      <section aria-labelledby="versions-title" className="stack">
        <h2 id="versions-title">Versions</h2>
        <ol className="plain-list stack">
          {d.versions.map((v) => (
            <li key={v.id}>
              <strong>Version {v.version}</strong> · as of {formatAsOf(v.asOf)} · <a href={`${base}/file?version=${v.version}`}>{v.fileName}</a>{" "}
              <span className="muted">
                ({v.kind}, {formatBytes(v.sizeBytes)}) · uploaded <LocalTime iso={v.createdAt} />
                {v.uploadedBy ? ` by ${v.uploadedBy}` : ""}
                {v.textStatus === "pending" ? " · text being read for search" : ""}
              </span>
              {v.note ? <div className="muted pre-line">{v.note}</div> : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="featured-title" className="stack">
        <h2 id="featured-title">Featured in seminars</h2>
        {d.featuredIn.length ? (
          <ul className="plain-list">
            {d.featuredIn.map((s) => (
              <li key={s.id}>
                <Link to={`/s/${s.slug}/materials`}>{s.title}</Link>
                {d.canUnfeature.includes(s.id) ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="unfeature" />
                    <input type="hidden" name="seminarId" value={s.id} />
                    <button type="submit" className="link-button">
                      Stop featuring in {s.title}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Not featured in any of your seminars.</p>
        )}
        {d.featureChoices.length ? (
          <SeminarChoiceForm
            intent="feature"
            id="feature-seminar"
            label="Feature in a seminar you teach"
            choices={d.featureChoices}
            error={seminarError}
            submitLabel="Feature it"
          />
        ) : null}
      </section>
    </div>
  );
}
