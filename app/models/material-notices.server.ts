// Telling members about new and changed materials (issue #6): an on-page notice for each, mail at once or a daily
// or weekly digest as each member chose (the material-digests task, listed in services/tasks.server.ts).
import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { materialNotices, materials, materialVersions, memberships, seminars, users } from "../../db/schema";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { env } from "~/utils/env.server";
import { db, prepared, writeTransaction, type DB } from "./db.server";
import { mailChoice } from "./preferences.server";
import type { Seminar } from "./seminar.server";
import { type MaterialRow, materialPath } from "./material.server";

// --- notices and mail ----------------------------------------------------------------------------------------

function settingsLink(): string {
  return new URL("/account/notifications", env().APP_URL).href;
}

export function notifyMaterialChange(
  tx: DB,
  {
    seminar,
    material,
    versionId,
    versionNumber,
    recipients,
  }: { seminar: Seminar; material: MaterialRow; versionId: number; versionNumber: number; recipients: number[] },
) {
  if (!recipients.length) return;
  const people = tx
    .select({ id: users.id, name: users.name, email: users.email, status: users.status })
    .from(users)
    .where(inArray(users.id, recipients))
    .all();
  const link = new URL(materialPath(seminar.slug, material.id), env().APP_URL).href;
  for (const person of people) {
    if (person.status !== "active") continue;
    const choice = mailChoice({ userId: person.id, topic: "materials" });
    const mail = choice === "immediate" ? "sent" : choice === "never" ? "none" : "pending";
    tx.insert(materialNotices)
      .values({ userId: person.id, seminarId: seminar.id, materialId: material.id, versionId, mail })
      .onConflictDoNothing()
      .run();
    if (choice !== "immediate") continue;
    const message = renderEmail(versionNumber > 1 ? "material-version" : "material-new", {
      name: person.name,
      seminar: seminar.title,
      title: material.title,
      version: String(versionNumber),
      link,
      settingsLink: settingsLink(),
    });
    enqueueMail(tx, { to: person.email, ...message, kind: versionNumber > 1 ? "material-version" : "material-new" });
  }
}

export interface NoticeItem {
  id: number;
  materialId: number;
  title: string;
  version: number;
  seminarSlug: string;
}

/** The viewer's unseen notices in one seminar ("a newer version of … exists"). */
export function listMaterialNotices({ userId, seminarId }: { userId: number; seminarId: number }): NoticeItem[] {
  return prepared("material.listMaterialNotices", (d) =>
    d
      .select({
        id: materialNotices.id,
        materialId: materials.id,
        title: materials.title,
        version: materialVersions.version,
        seminarSlug: seminars.slug,
      })
      .from(materialNotices)
      .innerJoin(materials, eq(materials.id, materialNotices.materialId))
      .innerJoin(materialVersions, eq(materialVersions.id, materialNotices.versionId))
      .innerJoin(seminars, eq(seminars.id, materialNotices.seminarId))
      .where(
        and(
          eq(materialNotices.userId, sql.placeholder("userId")),
          eq(materialNotices.seminarId, sql.placeholder("seminarId")),
          isNull(materialNotices.seenAt),
        ),
      )
      .orderBy(desc(materialNotices.createdAt))
      .limit(20)
      .prepare(),
  ).all({ userId, seminarId });
}

export function dismissMaterialNotices({ userId, seminarId }: { userId: number; seminarId: number }) {
  writeTransaction((tx) =>
    tx
      .update(materialNotices)
      .set({ seenAt: new Date() })
      .where(and(eq(materialNotices.userId, userId), eq(materialNotices.seminarId, seminarId), isNull(materialNotices.seenAt)))
      .run(),
  );
}

const DAY = 86_400_000;

/**
 * Mails the daily and weekly material digests that are due: a member's pending notices go out together once the
 * oldest has waited a day (or a week). Returns how many digests were queued.
 */
export function sendDueMaterialDigests({ now = new Date() }: { now?: Date } = {}): number {
  const due = db()
    .select({ userId: materialNotices.userId, oldest: sql<number>`min(${materialNotices.createdAt})` })
    .from(materialNotices)
    .where(and(eq(materialNotices.mail, "pending"), lte(materialNotices.createdAt, new Date(now.getTime() - DAY))))
    .groupBy(materialNotices.userId)
    .limit(200)
    .all();
  let sent = 0;
  for (const { userId, oldest } of due) {
    const choice = mailChoice({ userId, topic: "materials" });
    if (choice === "weekly" && oldest > now.getTime() - 7 * DAY) continue;
    writeTransaction((tx) => {
      const notices = tx
        .select({
          id: materialNotices.id,
          materialId: materials.id,
          title: materials.title,
          version: materialVersions.version,
          seminarSlug: seminars.slug,
          seminarTitle: seminars.title,
          stillMember: memberships.userId,
        })
        .from(materialNotices)
        .innerJoin(materials, eq(materials.id, materialNotices.materialId))
        .innerJoin(materialVersions, eq(materialVersions.id, materialNotices.versionId))
        .innerJoin(seminars, eq(seminars.id, materialNotices.seminarId))
        .leftJoin(memberships, and(eq(memberships.seminarId, seminars.id), eq(memberships.userId, userId)))
        .where(and(eq(materialNotices.userId, userId), eq(materialNotices.mail, "pending")))
        .orderBy(asc(materialNotices.createdAt))
        .limit(200)
        .all();
      const recipient = tx.select().from(users).where(eq(users.id, userId)).get();
      const live = notices.filter((n) => n.stillMember !== null);
      const wanted = recipient?.status === "active" && (choice === "daily" || choice === "weekly");
      if (wanted && live.length) {
        const items = live
          .map((n) => {
            const what = n.version > 1 ? `New version ${n.version} of “${n.title}”` : `New material “${n.title}”`;
            return `• ${what} (${n.seminarTitle})\n  ${new URL(materialPath(n.seminarSlug, n.materialId), env().APP_URL).href}`;
          })
          .join("\n\n");
        const message = renderEmail("material-digest", {
          name: recipient.name,
          count: String(live.length),
          updates: live.length === 1 ? "update" : "updates",
          cadence: choice,
          choice: choice === "daily" ? "Daily digest" : "Weekly digest",
          items,
          settingsLink: settingsLink(),
        });
        enqueueMail(tx, { to: recipient.email, ...message, kind: "material-digest" });
        sent++;
      }
      const ids = notices.map((n) => n.id);
      if (ids.length) {
        tx.update(materialNotices)
          .set({ mail: wanted ? "sent" : "none" })
          .where(inArray(materialNotices.id, ids))
          .run();
      }
    });
  }
  return sent;
}
