// Shareable invite links for a firm or a class: limited uses, an expiry, optionally a required email domain.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminTable } from "~/components/admin-table";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav, StateBadge } from "~/components/admin-nav";
import { Field } from "~/components/form";
import { createInviteLink } from "~/models/invitation.server";
import { listInvitations, listSeminarOptions, revokeInvitation } from "~/models/invitation-admin.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, IdFormSchema, valuesOf } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Invite links · Administration · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { links: listInvitations({ kind: "link" }).rows, seminars: listSeminarOptions() };
}

// A whole number field whose empty value counts as 0 (so an empty field reads "At least …").
const wholeNumber = (min: number, max: number, tooSmall: string, tooLarge: string) =>
  z
    .string()
    .optional()
    .transform((s) => Number(s ?? ""))
    .refine((n) => Number.isFinite(n), "Enter a number.")
    .refine((n) => Number.isInteger(n), "Enter a whole number.")
    .refine((n) => n >= min, tooSmall)
    .refine((n) => n <= max, tooLarge);

const LABEL_MISSING = "Name the link, e.g. “Smith & Partners, spring intake”.";
const DOMAIN = /^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/;

const LinkSchema = z.object({
  label: z.string({ error: LABEL_MISSING }).trim().min(1, LABEL_MISSING).max(120),
  seminar: z.coerce.number({ error: "Choose a seminar from the list." }).int("Choose a seminar from the list.").positive("Choose a seminar from the list.").optional(),
  seminarRole: z.enum(["attendee", "instructor"]).catch("attendee"),
  maxUses: wholeNumber(1, 1000, "At least 1.", "At most 1,000."),
  days: wholeNumber(1, 90, "At least one day.", "At most 90 days."),
  // No pipe into a second schema: conform would hand that one `undefined` for an empty field as well.
  domain: z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim().toLowerCase().replace(/^@/, ""))
    .refine((s) => s === "" || DOMAIN.test(s), "Enter a domain like smithpartners.com."),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await request.formData();
  if (form.get("intent") === "revoke") {
    const sent = parseWithZod(form, { schema: IdFormSchema });
    const ok = sent.status === "success" && revokeInvitation({ id: sent.value.id, actorId: admin.id, ip: context.clientIp ?? null });
    return redirectWithFlash("/admin/invitations/links", ok ? { kind: "success", message: "The link was revoked; it no longer works." } : { kind: "error", message: "That link was already revoked." });
  }
  const submission = parseWithZod(form, { schema: LinkSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const d = submission.value;
  const seminarId = d.seminar ?? null;
  if (seminarId !== null && !listSeminarOptions().some((s) => s.id === seminarId)) {
    return data({ result: submission.reply({ fieldErrors: { seminar: ["Choose a seminar from the list."] } }), created: null }, { status: 400 });
  }
  const created = createInviteLink(
    {
      label: d.label,
      seminarId,
      seminarRole: seminarId ? d.seminarRole : null,
      maxUses: d.maxUses,
      expiresAt: new Date(Date.now() + d.days * 86400_000),
      requiredDomain: d.domain || null,
      invitedById: admin.id,
    },
    { ip: context.clientIp ?? null },
  );
  return data({ result: submission.reply({ resetForm: true }), created: { url: created.url, label: d.label } });
}

const day = (iso: string) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));

export default function InviteLinks() {
  const { links, seminars } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  // After a link is made the form starts empty again.
  const result = actionData?.created ? undefined : actionData?.result;
  const errors = errorsOf(result);
  const values = valuesOf(result);
  return (
    <>
      <div className="page-head">
        <h1>Invite links</h1>
      </div>
      <AdminNav />
      {actionData?.created ? (
        <section className="card flash flash--success" aria-labelledby="created-title">
          <h2 id="created-title">Link created: {actionData.created.label}</h2>
          <p>Copy it now; for security it is not shown again (only a fingerprint is stored).</p>
          <p>
            <input className="copy-field" readOnly value={actionData.created.url} aria-label="The new invite link" />
          </p>
          <p className="muted">Each newcomer enters their work address and receives a personal link there, so nobody can join as someone else.</p>
        </section>
      ) : null}
      <section className="card form-card" aria-labelledby="new-link-title">
        <h2 id="new-link-title">New link</h2>
        <Form method="post" noValidate>
          <Field label="Name" name="label" defaultValue={values.label ?? ""} error={errors.label} hint="For your records, e.g. the firm or the class." />
          <div className={`field${errors.seminar ? " field--invalid" : ""}`}>
            <label htmlFor="f-seminar">Seminar</label>
            <select id="f-seminar" name="seminar" defaultValue={values.seminar ?? ""}>
              <option value="">None: the network only</option>
              {seminars.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            {errors.seminar ? <p className="field__error">{errors.seminar}</p> : null}
          </div>
          <input type="hidden" name="seminarRole" value="attendee" />
          <Field label="Maximum number of people" name="maxUses" type="number" min={1} max={1000} defaultValue={values.maxUses ?? "25"} error={errors.maxUses} />
          <Field label="Valid for (days)" name="days" type="number" min={1} max={90} defaultValue={values.days ?? "14"} error={errors.days} />
          <Field label="Required email domain (optional)" name="domain" defaultValue={values.domain ?? ""} error={errors.domain} hint="Only addresses at this domain can use the link, e.g. smithpartners.com." />
          <button type="submit" disabled={busy}>
            Create link
          </button>
        </Form>
      </section>
      <section aria-labelledby="links-title" className="stack">
        <h2 id="links-title">Links</h2>
        <AdminTable
          rows={links}
          columns={["Name", "Seminar", "Uses", "State", "Actions"]}
          empty="No invite links yet."
          rowKey={(l) => l.id}
        >
          {(l) => (
            <>
              <td>
                {l.label}
                {l.requiredDomain ? <><br /><span className="muted">@{l.requiredDomain} only</span></> : null}
              </td>
              <td>{l.seminarTitle ?? <span className="muted">Network only</span>}</td>
              <td>
                {l.uses} of {l.maxUses}
              </td>
              <td>
                <StateBadge state={l.state} kind="link" />
                <br />
                <span className="muted">{l.state === "revoked" ? "" : `until ${day(l.expiresAt)}`}</span>
              </td>
              <td>
                {l.state !== "revoked" ? (
                  <Form method="post">
                    <input type="hidden" name="id" value={l.id} />
                    <button type="submit" name="intent" value="revoke" className="button--danger button--small" aria-label={`Revoke the link ${l.label}`}>
                      Revoke
                    </button>
                  </Form>
                ) : null}
              </td>
            </>
          )}
        </AdminTable>
      </section>
    </>
  );
}
