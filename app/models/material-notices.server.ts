// Telling members about new and changed materials (issue #6): an on-page notice for each, mail at once or a daily
// or weekly in the member's one digest as each member chose (services/digest-tasks.server.ts).
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { materialNotices, materials, materialVersions, seminars, users } from "../../db/schema";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { env } from "~/utils/env.server";
import { prepared, writeTransaction, type DB } from "./db.server";
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
    const mail = choice === "immediate" ? "sent" : choice === "daily" || choice === "weekly" ? "pending" : "none";
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
    enqueueMail(tx, { to: person.email, ...message, kind: versionNumber > 1 ? "material-version" : "material-new", unsubscribe: { userId: person.id, kind: "materials" } });
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

// Daily and weekly material notices ("pending") go out in the member's one digest (issue #15, app/services/digest-tasks.server.ts).
