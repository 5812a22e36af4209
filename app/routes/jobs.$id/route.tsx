// Issue #18: one job posting. Members apply through the portal (sharing their profile only if they tick it); the
// poster and staff see the applications and can close the posting. Closed, expired or unknown: the form refuses.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { CareersItemHead, IntentButton, IntentForm, LabeledField, useFormReply } from "~/components/careers-fields";
import { PersonCard } from "~/components/profile-view";
import { RichText } from "~/components/rich-text";
import { applyToJob, closeJob, jobForViewer } from "~/models/job-postings.server";
import { setJobSaved } from "~/models/job-saves.server";
import { EMPLOYMENT_LABELS, JOB_STATUS_LABELS, SENIORITY_LABELS, isHttpUrl } from "~/utils/careers";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { ApplySchema, SaveJobSchema, requireCareersItem } from "../jobs._index/careers-forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.job.title} · Careers · Colloquy` : "Colloquy" }];

const load = (request: Request, rawId: string | undefined) => requireCareersItem(request, rawId, (viewer, id) => jobForViewer({ viewer, id }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await load(request, params.id);
  return view;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, view } = await load(request, params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "save" || intent === "unsave") {
    const submission = parseWithZod(formData, { schema: SaveJobSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const r = setJobSaved({ viewer: user, jobId: view.job.id, saved: submission.value.intent === "save" });
    if (!r.ok) return data(submission.reply({ formErrors: [r.error] }), { status: r.status });
    const message = r.saved ? "Saved: find it under “Saved jobs”." : "Removed from your saved jobs.";
    return redirectWithFlash(`/jobs/${view.job.id}`, { kind: "success", message });
  }
  if (intent === "close") {
    if (!view.canManage) notFound();
    closeJob({ viewer: user, jobId: view.job.id });
    return redirectWithFlash(`/jobs/${view.job.id}`, { kind: "success", message: "The posting is closed." });
  }
  const submission = parseWithZod(formData, { schema: ApplySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = applyToJob({ viewer: user, jobId: view.job.id, ...submission.value });
  if (!r.ok) {
    if (r.status === 404) notFound();
    return data(submission.reply({ formErrors: [r.error] }), { status: r.status });
  }
  return redirectWithFlash(`/jobs/${view.job.id}`, { kind: "success", message: "Your application is sent." });
}

export default function JobPage() {
  const d = useLoaderData<typeof loader>();
  const { busy, errors, v } = useFormReply(useActionData<typeof action>());
  const { job } = d;
  return (
    <div className="narrow-wide stack">
      <CareersItemHead back="/jobs" backLabel="All postings" title={job.title}>
        <p>
          {job.organisation} · {[job.location, job.remote ? "Remote" : ""].filter(Boolean).join(" · ")}
        </p>
        {d.moderation === "hidden" ? (
          <p className="flash flash--error moderation-notice">Hidden by the moderators: other members cannot see this posting.</p>
        ) : null}
        <p className="muted">
          {SENIORITY_LABELS[job.seniority]} · {EMPLOYMENT_LABELS[job.employmentType]} ·{" "}
          {d.open ? `closes ${formatDate(job.closesAt)}` : <strong>{JOB_STATUS_LABELS[job.status === "open" ? "expired" : job.status]}</strong>}
          {d.poster ? <> · posted by {d.poster.href ? <Link to={d.poster.href}>{d.poster.name}</Link> : d.poster.name}</> : null}
        </p>
        <div className="actions">
          {d.saved || d.open ? (
            <IntentButton intent={d.saved ? "unsave" : "save"} pressed={d.saved}>
              {d.saved ? "Saved · remove from saved jobs" : "Save this job"}
            </IntentButton>
          ) : null}
          <Link to="/jobs/saved">Saved jobs</Link>
          {d.isPoster ? null : (
            <Link to={`/report?kind=job&id=${job.id}`} className="muted">
              Report this posting
            </Link>
          )}
        </div>
      </CareersItemHead>
      <section className="card stack" aria-labelledby="about-job">
        <h2 id="about-job">About the role</h2>
        <dl className="stack">
          {d.areas.length ? (
            <div>
              <dt>Practice areas</dt>
              <dd>{d.areas.join(", ")}</dd>
            </div>
          ) : null}
          {d.jurisdictions.length ? (
            <div>
              <dt>Jurisdictions</dt>
              <dd>
                {d.jurisdictions.join(", ")}
                {job.barRequired ? " (bar admission required)" : " (bar admission not required)"}
              </dd>
            </div>
          ) : null}
        </dl>
        {job.descriptionHtml ? <RichText html={job.descriptionHtml} /> : null}
      </section>

      {d.canManage ? null : (
        <section className="card stack" aria-labelledby="apply-title">
          <h2 id="apply-title">Apply</h2>
          {d.myApplication ? (
            <p>
              You applied on {formatDate(d.myApplication.createdAt)}
              {d.myApplication.shareProfile ? ", sharing your profile." : "."}
            </p>
          ) : !d.open ? (
            <p>This posting is closed.</p>
          ) : job.applyMode === "link" && isHttpUrl(job.applyUrl) ? (
            <p>
              <a href={job.applyUrl} target="_blank" rel="noopener noreferrer">
                Apply on the employer's site
              </a>
            </p>
          ) : job.applyMode === "email" ? (
            <p>
              Apply by email to <a href={`mailto:${job.applyEmail}`}>{job.applyEmail}</a>.
            </p>
          ) : job.applyMode === "portal" ? (
            <IntentForm intent="apply" submitLabel="Send application" errors={errors} busy={busy}>
              <LabeledField id="apply-note" label="Note to the poster" hint="Why you, in a few lines." error={errors.note}>
                {(a) => <textarea {...a} name="note" rows={5} maxLength={4000} defaultValue={v("note")} />}
              </LabeledField>
              <label className="choice">
                <input type="checkbox" name="shareProfile" defaultChecked={v("shareProfile") === "on"} /> Share my profile with the
                poster (as my profile settings allow)
              </label>
            </IntentForm>
          ) : null}
        </section>
      )}

      {d.applications ? (
        <section className="card stack" aria-labelledby="apps-title">
          <h2 id="apps-title">Applications ({d.applications.length})</h2>
          {d.applications.length ? (
            <ol className="plain-list stack">
              {d.applications.map((a) => (
                <li key={a.id} className="stack">
                  <h3>
                    {a.href ? <Link to={a.href}>{a.name}</Link> : a.name} <span className="muted">· {formatDate(a.createdAt)}</span>
                  </h3>
                  <p style={{ whiteSpace: "pre-wrap" }}>{a.note}</p>
                  {a.profile ? <PersonCard p={a.profile} /> : <p className="muted">Did not share their profile.</p>}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">No applications yet.</p>
          )}
          {d.open ? <IntentButton intent="close">Close the posting</IntentButton> : null}
        </section>
      ) : null}
    </div>
  );
}
