// Issue #19: members invite colleagues to the network. Staff settings (one row) and, per member invitation, whether
// it waits for staff approval and whether its mail went out. The invitation itself is an ordinary `invitations` row
// (source "member"); who invited whom is its invitedById and acceptedUserId.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { invitations, users } from "./core";

/** One row (id 1); missing means the defaults in app/models/member-invitation-settings.server.ts. */
export const memberInvitationSettings = sqliteTable("member_invitation_settings", {
  id: integer("id").primaryKey(),
  enabled: integer("enabled", { mode: "boolean" }).notNull(),
  requireApproval: integer("require_approval", { mode: "boolean" }).notNull(),
  /** Lower-case domains, comma-separated; empty means any domain. */
  allowedDomains: text("allowed_domains").notNull().default(""),
  /** Member invitations one member may create per calendar month (UTC). */
  monthlyQuota: integer("monthly_quota").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedById: integer("updated_by_id"),
});

export const memberInvitations = sqliteTable(
  "member_invitations",
  {
    invitationId: integer("invitation_id")
      .primaryKey()
      .references(() => invitations.id, { onDelete: "cascade" }),
    inviterId: integer("inviter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    approval: text("approval", { enum: ["not-required", "awaiting", "approved", "declined"] }).notNull(),
    decidedById: integer("decided_by_id").references(() => users.id, { onDelete: "set null" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    /** When the invitation mail was queued; null while awaiting approval, or when it was held (see heldReason). */
    mailedAt: integer("mailed_at", { mode: "timestamp_ms" }),
    /** Why no mail went although the member was told it did (kept for staff only; never shown to the member). */
    heldReason: text("held_reason"),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  },
  (t) => [index("member_invitations_inviter_idx").on(t.inviterId, t.createdAt), index("member_invitations_approval_idx").on(t.approval)],
);
