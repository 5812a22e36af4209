// Issue #19: the forms of member invitations, server-only (they use server modules; a schema built at a route
// module's top level would run in the browser too). The member's form takes the instructors' invitation fields,
// minus the validity (member invitations last the default 14 days); conform leaves empty inputs out.
import { z } from "zod";
import { QUOTA_BOUNDS } from "~/models/member-invitation-settings.server";
import { InviteFormSchema } from "./invite-form.server";

export const ColleagueSchema = z.object({
  intent: z.literal("invite"),
  email: InviteFormSchema.shape.email,
  name: InviteFormSchema.shape.name.optional(),
  message: InviteFormSchema.shape.message.optional(),
});

const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Staff settings. */
export const MemberInvitationSettingsSchema = z.object({
  intent: z.literal("settings"),
  enabled: z.literal("on").optional(),
  requireApproval: z.literal("on").optional(),
  allowedDomains: z
    .string()
    .optional()
    .transform((s) => (s ?? "").split(/[\s,;]+/).map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))
    .refine((list) => list.every((d) => DOMAIN.test(d)), { message: "Enter domains like firm.com, one a line." })
    .refine((list) => list.length <= 50, { message: "At most 50 domains." }),
  monthlyQuota: z.coerce
    .number({ error: "Enter the quota as a number." })
    .int("Enter a whole number.")
    .min(QUOTA_BOUNDS.min, `At least ${QUOTA_BOUNDS.min}.`)
    .max(QUOTA_BOUNDS.max, `At most ${QUOTA_BOUNDS.max}.`),
});
export const DecideSchema = z.object({ intent: z.enum(["approve", "decline"]), id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

