// Shareable invite links for a firm or a class: limited uses, an expiry, optionally a required email domain.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminTable } from "~/components/admin-table";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav, StateBadge } from "~/components/admin-nav";
import { Field } from "~/components/form";
import { createInviteLink } from "~/models/invitation.server";
import { listInvitations, listSeminarOptions, revokeInvitation } from "~/models/invitation-admin.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Invite links · Administration · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { links: listInvitations({ kind: "link" }).rows, seminars: listSeminarOptions() };
}

const LinkSchema = z.object({
  label: z.string().trim().min(1, "Name the link, e.g. “Smith & Partners, spring intake”.").max(120),
  seminar: z.union([z.literal(""), z.coerce.number().int().positive()]),
  seminarRole: z.enum(["attendee", "instructor"]).catch("attendee"),
  maxUses: z.coerce.number({ error: "Enter a number." }).int().min(1, "At least 1.").max(1000, "At most 1,000."),
  days: z.coerce.number({ error: "Enter a number." }).int().min(1, "At least one day.").max(90, "At most 90 days."),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .transform((s) => s.replace(/^@/, ""))
    .pipe(z.union([z.literal(""), z.string().regex(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, "Enter a domain like smithpartners.com.")])),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await request.formData();
  if (form.get("intent") === "revoke") {
    const id = Number(form.get("id"));
    const ok = Number.isSafeInteger(id) && revokeInvitation({ id, actorId: admin.id, ip: context.clientIp ?? null });
    return redirectWithFlash("/admin/invitations/links", ok ? { kind: "success", message: "The link was revoked; it no longer works." } : { kind: "error", message: "That link was already revoked." });
  }
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = LinkSchema.safeParse(values);
  const seminars = listSeminarOptions();
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const seminarId = parsed.success && parsed.data.seminar !== "" ? parsed.data.seminar : null;
  if (seminarId !== null && !seminars.some((s) => s.id === seminarId)) errors.seminar = "Choose a seminar from the list.";
  if (Object.keys(errors).length || !parsed.success) return data({ errors, values, created: null }, { status: 400 });
  const d = parsed.data;
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
  return data({ errors: {} as Record<string, string>, values: {} as Record<string, string>, created: { url: created.url, label: d.label } });
}

const day = (iso: string) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));

export default function InviteLinks() {
  const { links, seminars } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
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
