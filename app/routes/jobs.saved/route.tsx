// Issue #18: the postings a member saved, open or since closed, with a button to remove each (works without JS).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { JobCard } from "~/components/job-listing";
import { listJobs } from "~/models/job-postings.server";
import { setJobSaved } from "~/models/job-saves.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { SavedListSchema } from "../jobs._index/careers-forms.server";

export const meta: MetaFunction = () => [{ title: "Saved jobs · Careers · Colloquy" }];

const PageSchema = z.coerce.number().int().min(1).max(500).catch(1);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return listJobs({ viewer, filters: { saved: true }, page });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), {
    schema: SavedListSchema,
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = setJobSaved({
    viewer: user,
    jobId: submission.value.jobId,
    saved: submission.value.intent === "save",
  });
  if (!r.ok && r.status === 404) notFound();
  if (!r.ok)
    return data(submission.reply({ formErrors: [r.error] }), {
      status: r.status,
    });
  return redirectWithFlash("/jobs/saved", {
    kind: "success",
    message: r.saved ? "Saved." : "Removed from your saved jobs.",
  });
}

export default function SavedJobs() {
  const { jobs, more, page } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Saved jobs</h1>
        <p className="muted">
          We tell you (as your “Job postings” notification choice says) when a saved posting closes soon or is closed.{" "}
          <Link to="/jobs">All open postings</Link>
        </p>
      </div>
      <p role="status" className="muted">
        {jobs.length === 0 ? "You have not saved any postings. Use “Save this job” on a posting to keep it here." : null}
      </p>
      <ol className="plain-list stack" aria-label="Saved jobs">
        {jobs.map((j) => (
          <li key={j.id}>
            <JobCard j={j}>
              <Form method="post" className="inline-form">
                <input type="hidden" name="jobId" value={j.id} />
                <button type="submit" name="intent" value="unsave" className="button--secondary">
                  Remove <span className="visually-hidden">{j.title}</span> from saved jobs
                </button>
              </Form>
            </JobCard>
          </li>
        ))}
      </ol>
      <nav aria-label="Pages" className="actions">
        {page > 1 ? <Link to={`?page=${page - 1}`}>Previous page</Link> : null}
        {more ? <Link to={`?page=${page + 1}`}>Next page</Link> : null}
      </nav>
    </div>
  );
}
