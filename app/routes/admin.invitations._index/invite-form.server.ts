// The single-invitation form, shared by the admin page and the instructor's page. The instructor's version fixes
// the seminar and the attendee role on the server; fields the form may not set are simply never read.
// The routes parse the form with parseWithZod(form, { schema: InviteFormSchema }) and pass the typed values here.
import { z } from "zod";
import { EmailSchema, singleLine } from "~/auth/forms.server";
import { writeTransaction } from "~/models/db.server";
import { resendProblem, senderLimitProblem } from "~/models/invitation-limits.server";
import { createInvitation, inviteeProblem, type NetworkRole, type SeminarRole } from "~/models/invitation.server";
import { resendInvitation } from "~/models/invitation-admin.server";
import { reviewBlocksResend } from "~/models/member-invitation-review.server";
import { SINGLE_ADDRESS } from "~/services/mail.server";

export const InviteFormSchema = z.object({
  email: EmailSchema.refine((e) => SINGLE_ADDRESS.test(e), "Enter one plain address, like name@firm.com."),
  // No pipe into a second string schema: conform would hand that one `undefined` for an empty name as well.
  name: z
    .string()
    .optional()
    .transform((s) => singleLine(s ?? ""))
    .refine((s) => s.length <= 120, "Use at most 120 characters."),
  message: z.string().trim().max(2000, "Keep the message under 2,000 characters.").default(""),
  // Left empty, an invitation is valid for 14 days.
  days: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter whole days.")
    .min(1, "At least one day.")
    .max(90, "At most 90 days.")
    .default(14),
});
export type InviteFormValues = z.output<typeof InviteFormSchema>;

export type InviteFormResult = { ok: true; email: string } | { ok: false; errors: Record<string, string> };

/** Sends one invitation within the sender's limits; a refusal names its field ("form" for the limit). */
export function submitInvite(
  d: InviteFormValues,
  fixed: { seminarId: number | null; seminarRole: SeminarRole | null; networkRole: NetworkRole; invitedById: number; ip: string | null },
): InviteFormResult {
  const result = writeTransaction((tx) => {
    // Checked in the transaction that queues the mail, so simultaneous posts cannot overrun the limit (issue #21).
    const limit = senderLimitProblem(tx, { senderId: fixed.invitedById });
    if (limit) return { problem: null, limit };
    const problem = inviteeProblem(tx, { email: d.email, seminarId: fixed.seminarId });
    if (problem) return { problem };
    createInvitation(
      tx,
      {
        email: d.email,
        name: d.name || null,
        seminarId: fixed.seminarId,
        seminarRole: fixed.seminarRole,
        networkRole: fixed.networkRole,
        message: d.message,
        expiresAt: new Date(Date.now() + d.days * 86400_000),
        invitedById: fixed.invitedById,
      },
      { ip: fixed.ip },
    );
    return { problem: null };
  });
  if ("limit" in result && result.limit) return { ok: false, errors: { form: result.limit } };
  if (result.problem) return { ok: false, errors: { email: `${d.email} ${result.problem}.` } };
  return { ok: true, email: d.email };
}

/**
 * Resending mails a new link: it counts against the sender's daily limit and respects the recipient's quiet period
 * and decline (issue #21). Checked and done in one transaction.
 */
export function resendWithinLimits(args: { id: number; actorId: number; seminarId?: number; ip: string | null }): { ok: true } | { ok: false; message: string } {
  return writeTransaction((tx) => {
    const problem = reviewBlocksResend(tx, args.id) ?? resendProblem(tx, { id: args.id, actorId: args.actorId });
    if (problem) return { ok: false as const, message: problem };
    return resendInvitation(args) ? { ok: true as const } : { ok: false as const, message: "That invitation can no longer be changed." };
  });
}
