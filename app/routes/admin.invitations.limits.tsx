// Staff set the invitation-mail limits (issue #21): how many invitation mails an instructor and an admin may cause
// in 24 hours, and how long an address rests after receiving one.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { Field, FormError } from "~/components/form";
import { getInvitationLimits, saveInvitationLimits } from "~/models/invitation-limits.server";
import { DEFAULT_INVITATION_LIMITS, LIMIT_BOUNDS } from "~/utils/invitation-limits";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Invitation limits · Administration · Colloquy" }];

const whole = (label: string, { min, max }: { min: number; max: number }) =>
  z.coerce
    .number({ error: `Enter ${label} as a number.` })
    .int("Enter a whole number.")
    .min(min, `At least ${min}.`)
    .max(max, `At most ${max.toLocaleString("en-US")}.`);

export const InvitationLimitsSchema = z
  .object({
    memberDaily: whole("the instructors' limit", LIMIT_BOUNDS.memberDaily),
    adminDaily: whole("the admins' limit", LIMIT_BOUNDS.adminDaily),
    quietHours: whole("the quiet period", LIMIT_BOUNDS.quietHours),
  })
  .refine((v) => v.adminDaily >= v.memberDaily, { path: ["adminDaily"], message: "Admins' limit must be at least the instructors' limit." });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { limits: getInvitationLimits(), defaults: DEFAULT_INVITATION_LIMITS };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: InvitationLimitsSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])) }, { status: 400 });
  }
  saveInvitationLimits({ limits: submission.value, actorId: admin.id, ip: context.clientIp ?? null });
  return redirectWithFlash("/admin/invitations/limits", { kind: "success", message: "The invitation limits were saved." });
}

export default function InvitationLimitsPage() {
  const { limits, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.result.error ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  const value = (k: keyof typeof limits) => values[k] ?? String(limits[k]);
  const count = Object.keys(errors).length;
  return (
    <>
      <div className="page-head">
        <h1>Invitation limits</h1>
      </div>
      <AdminNav />
      <section className="card form-card stack" aria-labelledby="limits-title">
        <h2 id="limits-title">Sending limits</h2>
        <p className="muted">
          Invitation mails carry a personal message to any address, under the institute's name. These limits keep that
          from becoming a spam channel. Every invitation and every resend counts. Anyone invited can decline further
          invitations with one click from the mail.
        </p>
        <FormError message={count ? `Please correct the ${count === 1 ? "field" : `${count} fields`} marked below.` : null} />
        <Form method="post" noValidate>
          <Field
            label="Invitations an instructor may send in 24 hours"
            name="memberDaily"
            type="number"
            inputMode="numeric"
            min={LIMIT_BOUNDS.memberDaily.min}
            max={LIMIT_BOUNDS.memberDaily.max}
            required
            defaultValue={value("memberDaily")}
            error={errors.memberDaily?.[0]}
            hint={`Default ${defaults.memberDaily}.`}
          />
          <Field
            label="Invitations an admin may send in 24 hours"
            name="adminDaily"
            type="number"
            inputMode="numeric"
            min={LIMIT_BOUNDS.adminDaily.min}
            max={LIMIT_BOUNDS.adminDaily.max}
            required
            defaultValue={value("adminDaily")}
            error={errors.adminDaily?.[0]}
            hint={`Default ${defaults.adminDaily}; a bulk invitation must fit in what is left.`}
          />
          <Field
            label="Quiet period for one address (hours)"
            name="quietHours"
            type="number"
            inputMode="numeric"
            min={LIMIT_BOUNDS.quietHours.min}
            max={LIMIT_BOUNDS.quietHours.max}
            required
            defaultValue={value("quietHours")}
            error={errors.quietHours?.[0]}
            hint={`After an invitation mail, no other invitation (or resend) goes to the same address for this long. Default ${defaults.quietHours}.`}
          />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Save limits"}
            </button>
            <Link to="/admin/invitations">Back to invitations</Link>
          </div>
        </Form>
      </section>
    </>
  );
}
