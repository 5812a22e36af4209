// Issue #19: what staff decide about member invitations (on/off, approval, allowed domains, the monthly quota).
import { eq } from "drizzle-orm";
import { memberInvitationSettings } from "../../db/schema";
import { audit } from "./audit.server";
import { db, writeTransaction, type DB } from "./db.server";

export interface MemberInvitationSettings {
  enabled: boolean;
  requireApproval: boolean;
  /** Lower-case domains; empty means any. */
  allowedDomains: string[];
  /** Member invitations one member may create per calendar month (UTC). */
  monthlyQuota: number;
}

export const DEFAULT_MEMBER_INVITATION_SETTINGS: MemberInvitationSettings = {
  enabled: true,
  requireApproval: false,
  allowedDomains: [],
  monthlyQuota: 5,
};
export const QUOTA_BOUNDS = { min: 1, max: 100 } as const;

export function getMemberInvitationSettings(tx: DB = db()): MemberInvitationSettings {
  const row = tx.select().from(memberInvitationSettings).where(eq(memberInvitationSettings.id, 1)).get();
  if (!row) return DEFAULT_MEMBER_INVITATION_SETTINGS;
  return {
    enabled: row.enabled,
    requireApproval: row.requireApproval,
    allowedDomains: row.allowedDomains ? row.allowedDomains.split(",") : [],
    monthlyQuota: row.monthlyQuota,
  };
}

export function saveMemberInvitationSettings({ settings, actorId, ip }: { settings: MemberInvitationSettings; actorId: number; ip?: string | null }) {
  writeTransaction((tx) => {
    const before = getMemberInvitationSettings(tx);
    const domains = [...new Set(settings.allowedDomains.map((d) => d.trim().toLowerCase()).filter(Boolean))];
    const values = {
      enabled: settings.enabled,
      requireApproval: settings.requireApproval,
      allowedDomains: domains.join(","),
      monthlyQuota: settings.monthlyQuota,
      updatedAt: new Date(),
      updatedById: actorId,
    };
    tx.insert(memberInvitationSettings)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: memberInvitationSettings.id, set: values })
      .run();
    audit(tx, {
      actorId,
      action: "member-invitations.settings-changed",
      subject: "member invitations",
      details: { before, after: { ...settings, allowedDomains: domains } },
      ip,
    });
  });
}

/** The domain part of an address, lower-case. */
export const domainOf = (email: string) => email.trim().toLowerCase().split("@").pop() ?? "";

/** Whether the settings let a member invite this address's domain. */
export function domainAllowed(settings: MemberInvitationSettings, email: string): boolean {
  return settings.allowedDomains.length === 0 || settings.allowedDomains.includes(domainOf(email));
}
