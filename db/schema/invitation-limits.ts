// Issue #21: limits on invitation mail, so the portal cannot be used as a spam or phishing channel through the
// institute's mail reputation. Addresses are kept only as the SHA-256 of the normalised address here: counting
// mails per address and honouring "no more invitations" needs no readable copy.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** The staff-set limits: one row (id 1); missing means the defaults in app/models/invitation-limits.server.ts. */
export const invitationLimits = sqliteTable("invitation_limits", {
  id: integer("id").primaryKey(),
  /** Invitation mails one member (an instructor) may cause in 24 hours. */
  memberDaily: integer("member_daily").notNull(),
  /** The same for admins (bulk invitations). */
  adminDaily: integer("admin_daily").notNull(),
  /** After an invitation mail to an address, no other one goes there for this many hours (any sender). */
  quietHours: integer("quiet_hours").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedById: integer("updated_by_id"),
});

/** One row per invitation mail queued: who caused it, to which address (hashed), when. Pruned after 30 days. */
export const invitationMails = sqliteTable(
  "invitation_mails",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    senderId: integer("sender_id"),
    emailHash: text("email_hash").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
  },
  (t) => [index("invitation_mails_sender_idx").on(t.senderId, t.createdAt), index("invitation_mails_email_idx").on(t.emailHash, t.createdAt)],
);

/** Addresses whose owner declined further invitations (one click from any invitation mail). */
export const invitationOptOuts = sqliteTable("invitation_opt_outs", {
  emailHash: text("email_hash").primaryKey(),
  createdAt: integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),
});
