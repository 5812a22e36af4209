// The micro-site's "recent activity": any feature (materials, schedule, wiki, blog, news, surveys) records an entry
// here inside the transaction of its change, and the seminar Home lists the latest ones.
import { desc, eq, sql } from "drizzle-orm";
import { seminarActivity, users } from "../../db/schema";
import { prepared, type DB } from "./db.server";
import { displayName } from "./profile.server";

export interface ActivityInput {
  seminarId: number;
  actorId: number | null;
  /** A short word for the feature: "material", "material-version", "session", "post", "wiki", "survey"… */
  kind: string;
  /** One line shown as is (plain text, never HTML), e.g. "New version of Course handout". */
  summary: string;
  /** Where the entry leads: a path inside this seminar (/s/<slug>/…), or "" for none. */
  href?: string;
}

/** Call inside the same writeTransaction as the change it describes. */
export function recordActivity(tx: DB, input: ActivityInput): void {
  const href = input.href && input.href.startsWith("/s/") && !input.href.startsWith("//") ? input.href : "";
  tx.insert(seminarActivity)
    .values({
      seminarId: input.seminarId,
      actorId: input.actorId,
      kind: input.kind.slice(0, 40),
      summary: input.summary.replace(/\s+/g, " ").trim().slice(0, 300),
      href,
    })
    .run();
}

export interface ActivityEntry {
  id: number;
  kind: string;
  summary: string;
  href: string;
  actorId: number | null;
  actorName: string | null;
  createdAt: Date;
}

/** The newest entries of one seminar (bounded). */
export function listRecentActivity({ seminarId, limit = 10 }: { seminarId: number; limit?: number }): ActivityEntry[] {
  // On every seminar home: prepared once (issue #9).
  return prepared("activity.listRecentActivity", (d) =>
    d
      .select({
        id: seminarActivity.id,
        kind: seminarActivity.kind,
        summary: seminarActivity.summary,
        href: seminarActivity.href,
        actorId: seminarActivity.actorId,
        actorName: users.name,
        actorStatus: users.status,
        createdAt: seminarActivity.createdAt,
      })
      .from(seminarActivity)
      .leftJoin(users, eq(users.id, seminarActivity.actorId))
      .where(eq(seminarActivity.seminarId, sql.placeholder("seminarId")))
      .orderBy(desc(seminarActivity.createdAt), desc(seminarActivity.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
  )
    .all({ seminarId, limit: Math.min(Math.max(limit, 1), 50) })
    .map(({ actorStatus, ...a }) => ({ ...a, actorName: a.actorName === null ? null : displayName({ name: a.actorName, status: actorStatus }) }));
}
