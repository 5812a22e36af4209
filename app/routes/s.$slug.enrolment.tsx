// Issue #16: enrolment for instructors and staff: requests to approve, the waitlist in order (with open offers),
// cancellations, and enrolling a member directly. Staff (administrators) also set the catalogue listing here:
// the enrolment policy, the format, the cancellation deadline and the topics used by filters and recommendations.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireSeminarRole } from "~/auth/guards.server";
import { catalogueSettingsSchema, saveCatalogueSettings, topicsOf } from "~/models/catalogue.server";
import { approveRequest, declineRequest, enrolDirectly, enrolmentOverview, type EnrolmentListing } from "~/models/enrolment-staff.server";
import { controlledLists } from "~/models/profile-write.server";
import { FORMATS, FORMAT_LABELS, POLICIES, POLICY_LABELS } from "~/utils/catalogue";
import { dateTimeFormat } from "~/utils/intl";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Enrolment · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  const isStaff = user.role === "admin";
  const lists = controlledLists();
  return {
    slug: seminar.slug,
    timeZone: seminar.timeZone,
    capacity: seminar.capacity,
    policy: seminar.enrolmentPolicy,
    isStaff,
    overview: enrolmentOverview({ seminarId: seminar.id }),
    settings: isStaff
      ? { policy: seminar.enrolmentPolicy, format: seminar.format, cancelHoursBefore: seminar.cancelHoursBefore, ...topicsOf({ seminarId: seminar.id }) }
      : null,
    areas: isStaff ? lists.areas : [],
    jurisdictions: isStaff ? lists.jurisdictions : [],
    seminarId: seminar.id,
  };
}

const DecideSchema = z.object({ intent: z.enum(["approve", "decline"]), userId: z.coerce.number().int().positive() });
const DirectSchema = z.object({
  intent: z.literal("direct"),
  email: z.string({ error: "Enter the member's email address." }).trim().max(254).email("Enter a valid email address."),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/s/${seminar.slug}/enrolment`;
  if (intent === "settings") {
    // The listing is the institute's decision: staff only, whatever an instructor's hand-made form posts.
    if (user.role !== "admin") throw new Response("Forbidden", { status: 403, statusText: "Only the institute's staff can change this." });
    const submission = parseWithZod(formData, { schema: catalogueSettingsSchema() });
    if (submission.status !== "success") return data({ form: "settings", result: submission.reply() }, { status: 400 });
    saveCatalogueSettings({ seminarId: seminar.id, value: submission.value });
    return redirectWithFlash(back, { kind: "success", message: "The catalogue settings are saved." });
  }
  if (intent === "direct") {
    const submission = parseWithZod(formData, { schema: DirectSchema });
    if (submission.status !== "success") return data({ form: "direct", result: submission.reply() }, { status: 400 });
    const r = enrolDirectly({ seminarId: seminar.id, email: submission.value.email, actorId: user.id });
    if (!r.ok) return data({ form: "direct", result: submission.reply({ fieldErrors: { email: [r.error] } }) }, { status: 400 });
    return redirectWithFlash(back, { kind: "success", message: r.message });
  }
  const submission = parseWithZod(formData, { schema: DecideSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  const { userId } = submission.value;
  const r =
    submission.value.intent === "approve"
      ? approveRequest({ seminarId: seminar.id, userId, actorId: user.id })
      : declineRequest({ seminarId: seminar.id, userId, actorId: user.id });
  return redirectWithFlash(back, { kind: r.ok ? "success" : "error", message: r.message });
}

const when = (iso: string | null, timeZone: string) =>
  iso ? dateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso)) : "";

const STATUS_LABEL: Record<string, string> = { cancelled: "Cancelled", expired: "Offer lapsed", declined: "Request declined" };

function People({ rows, timeZone, children }: { rows: EnrolmentListing[]; timeZone: string; children?: (r: EnrolmentListing) => React.ReactNode }) {
  return (
    <ol className="plain-list enrolment-list">
      {rows.map((r) => (
        <li key={r.userId}>
          <Link to={`/people/${r.userId}`}>{r.name}</Link> <span className="muted">{r.email}</span>{" "}
          {r.status === "offered" ? <span className="badge">Offered until {when(r.offerExpiresAt, timeZone)}</span> : null}
          {STATUS_LABEL[r.status] ? (
            <span className="muted">
              · {STATUS_LABEL[r.status]} {when(r.updatedAt, timeZone)}
            </span>
          ) : r.queuedAt ? (
            <span className="muted">· since {when(r.queuedAt, timeZone)}</span>
          ) : null}
          {children?.(r)}
        </li>
      ))}
    </ol>
  );
}

export default function Enrolment() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const o = d.overview;
  const errorsFor = (form: string) => (actionData?.form === form ? ((actionData.result.error ?? {}) as Record<string, string[] | null>) : {});
  const initialFor = (form: string) => (actionData?.form === form ? ((actionData.result.initialValue ?? {}) as Record<string, unknown>) : null);
  const settingsErrors = errorsFor("settings");
  const settingsInitial = initialFor("settings");
  const directErrors = errorsFor("direct");
  const pick = (key: string): string[] => {
    const v = settingsInitial?.[key];
    if (settingsInitial) return v === undefined ? [] : [v].flat().map(String);
    return (d.settings as Record<string, unknown> | null)?.[key] as string[];
  };
  const one = (key: string) => (settingsInitial ? String(settingsInitial[key] ?? "") : String((d.settings as Record<string, unknown> | null)?.[key] ?? ""));
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Enrolment</h1>
        <p className="muted">
          {o.attendees} enrolled{d.capacity ? ` of ${d.capacity} places` : " (no limit on places)"} · {POLICY_LABELS[d.policy]} ·{" "}
          {d.policy !== "invitation" ? <Link to={`/catalogue/${d.slug}`}>Catalogue page</Link> : "not listed in the catalogue"} ·{" "}
          <Link to={`/s/${d.slug}/intake`}>Intake questions</Link>
        </p>
      </div>

      <section className="card" aria-labelledby="requests-title">
        <h2 id="requests-title">Requests ({o.requests.length})</h2>
        {o.requests.length ? (
          <People rows={o.requests} timeZone={d.timeZone}>
            {(r) => (
              <Form method="post" className="inline-form actions">
                <input type="hidden" name="userId" value={r.userId} />
                <button type="submit" name="intent" value="approve" className="button--small" disabled={busy} aria-label={`Approve ${r.name}`}>
                  Approve
                </button>
                <button type="submit" name="intent" value="decline" className="button--small button--secondary" disabled={busy} aria-label={`Decline ${r.name}`}>
                  Decline
                </button>
              </Form>
            )}
          </People>
        ) : (
          <p className="muted">No requests are waiting.</p>
        )}
      </section>

      <section className="card" aria-labelledby="waitlist-title">
        <h2 id="waitlist-title">Waitlist ({o.waitlist.length})</h2>
        <p className="muted">When a seat frees up, the first person is emailed and has 48 hours to take it; then it moves on by itself.</p>
        {o.waitlist.length ? <People rows={o.waitlist} timeZone={d.timeZone} /> : <p className="muted">Nobody is waiting.</p>}
      </section>

      <section className="card" aria-labelledby="direct-title">
        <h2 id="direct-title">Enrol a member directly</h2>
        <Form method="post" noValidate className="stack">
          <div className={`field${directErrors.email ? " field--invalid" : ""}`}>
            <label htmlFor="direct-email">Member's email address</label>
            <p className="field__hint" id="direct-email-hint">
              Enrols at once, whatever the policy and the number of places.
            </p>
            <input
              id="direct-email"
              name="email"
              type="email"
              maxLength={254}
              defaultValue={String(initialFor("direct")?.email ?? "")}
              aria-invalid={directErrors.email ? true : undefined}
              aria-describedby={directErrors.email ? "direct-email-hint direct-email-error" : "direct-email-hint"}
            />
            {directErrors.email ? (
              <p className="field__error" id="direct-email-error">
                {directErrors.email[0]}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" name="intent" value="direct" disabled={busy}>
              Enrol
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="cancel-title">
        <h2 id="cancel-title">Cancellations</h2>
        {o.cancellations.length ? <People rows={o.cancellations} timeZone={d.timeZone} /> : <p className="muted">No cancellations.</p>}
      </section>

      {d.settings ? (
        <section className="card" aria-labelledby="settings-title">
          <h2 id="settings-title">Catalogue listing</h2>
          <p className="muted">Set by the institute's staff. The number of places is on the seminar's <Link to={`/admin/seminars/${d.seminarId}`}>edit page</Link>.</p>
          <Form method="post" noValidate className="stack">
            <fieldset>
              <legend>Who may join</legend>
              {POLICIES.map((p) => (
                <label key={p} className="choice">
                  <input type="radio" name="policy" value={p} defaultChecked={one("policy") === p} />
                  {POLICY_LABELS[p]}
                </label>
              ))}
              {settingsErrors.policy ? <p className="field__error">{settingsErrors.policy[0]}</p> : null}
            </fieldset>
            <div className="field">
              <label htmlFor="set-format">Format</label>
              <select id="set-format" name="format" defaultValue={one("format")}>
                {FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {FORMAT_LABELS[f]}
                  </option>
                ))}
              </select>
            </div>
            <div className={`field${settingsErrors.cancelHoursBefore ? " field--invalid" : ""}`}>
              <label htmlFor="set-cancel">Attendees may cancel until this many hours before the start</label>
              <input
                id="set-cancel"
                name="cancelHoursBefore"
                inputMode="numeric"
                defaultValue={one("cancelHoursBefore")}
                aria-invalid={settingsErrors.cancelHoursBefore ? true : undefined}
                aria-describedby={settingsErrors.cancelHoursBefore ? "set-cancel-error" : undefined}
              />
              {settingsErrors.cancelHoursBefore ? (
                <p className="field__error" id="set-cancel-error">
                  {settingsErrors.cancelHoursBefore[0]}
                </p>
              ) : null}
            </div>
            <details open={pick("areas").length > 0 || Boolean(settingsErrors.areas)}>
              <summary>Practice areas ({pick("areas").length} chosen)</summary>
              <fieldset className="checkbox-columns">
                <legend className="visually-hidden">Practice areas</legend>
                {d.areas.map((a) => (
                  <label key={a} className="choice">
                    <input type="checkbox" name="areas" value={a} defaultChecked={pick("areas").includes(a)} />
                    {a}
                  </label>
                ))}
              </fieldset>
              {settingsErrors.areas ? <p className="field__error">{settingsErrors.areas[0]}</p> : null}
            </details>
            <details open={pick("jurisdictions").length > 0 || Boolean(settingsErrors.jurisdictions)}>
              <summary>Jurisdictions ({pick("jurisdictions").length} chosen)</summary>
              <fieldset className="checkbox-columns">
                <legend className="visually-hidden">Jurisdictions</legend>
                {d.jurisdictions.map((j) => (
                  <label key={j} className="choice">
                    <input type="checkbox" name="jurisdictions" value={j} defaultChecked={pick("jurisdictions").includes(j)} />
                    {j}
                  </label>
                ))}
              </fieldset>
              {settingsErrors.jurisdictions ? <p className="field__error">{settingsErrors.jurisdictions[0]}</p> : null}
            </details>
            <div className="actions">
              <button type="submit" name="intent" value="settings" disabled={busy}>
                Save the listing
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
