// Issue #14: who may see a question or an answer, for the spine (item-kinds.server.ts) and for the question pages.
// Kept apart from questions.server.ts, which notifies through the spine: the registry importing that module would be
// an import cycle (notifications → items → item-kinds → questions → notifications) and see the handlers undefined.
import { eq, sql } from "drizzle-orm";
import { answers, memberships, questions } from "../../db/schema";
import { db, inIdList, prepared } from "./db.server";
import type { ItemSummary, KindHandler, Viewer } from "./items.server";

type Question = typeof questions.$inferSelect;

export function questionPath(id: number): string {
  return `/questions/${id}`;
}

const parseList = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};
export const topicsOf = (q: Pick<Question, "areas" | "jurisdictions">) => ({ areas: parseList(q.areas), jurisdictions: parseList(q.jurisdictions) });

// --- who may see what -----------------------------------------------------------------------------------------

interface Membership {
  seminarId: number;
  role: "instructor" | "attendee";
}

export function membershipsOf(userId: number): Map<number, Membership["role"]> {
  const rows = prepared("questions.memberships", (d) =>
    d
      .select({ seminarId: memberships.seminarId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.userId, sql.placeholder("userId")))
      .prepare(),
  ).all({ userId });
  return new Map(rows.map((r) => [r.seminarId, r.role]));
}

type Visibility = Pick<Question, "id" | "seminarId" | "audience" | "authorId">;

export function mayView(viewer: Viewer, q: Visibility, roles: () => Map<number, Membership["role"]>): boolean {
  if (viewer.role === "admin") return true;
  if (q.audience === "network") return true;
  if (q.seminarId === null) return false;
  const role = roles().get(q.seminarId);
  if (q.audience === "seminar") return role !== undefined;
  return role === "instructor" || q.authorId === viewer.id;
}

/** May this viewer manage the question's seminar (instructor of it, or staff)? */
export function canManageQuestion(viewer: Viewer, q: Pick<Question, "seminarId">): boolean {
  if (viewer.role === "admin") return true;
  return q.seminarId !== null && membershipsOf(viewer.id).get(q.seminarId) === "instructor";
}

function loadVisibility(ids: number[]): Visibility[] {
  if (!ids.length) return [];
  return prepared("questions.visibility", (d) =>
    d
      .select({ id: questions.id, seminarId: questions.seminarId, audience: questions.audience, authorId: questions.authorId })
      .from(questions)
      .where(inIdList(questions.id))
      .prepare(),
  ).all({ ids: JSON.stringify([...new Set(ids)]) });
}

export function visibleQuestionIds(viewer: Viewer, ids: number[]): Set<number> {
  let roles: Map<number, Membership["role"]> | null = null;
  const lazyRoles = () => (roles ??= membershipsOf(viewer.id));
  return new Set(loadVisibility(ids).filter((q) => mayView(viewer, q, lazyRoles)).map((q) => q.id));
}

export const questionKind: KindHandler = {
  visibleIds: visibleQuestionIds,
  summarize(ids) {
    const out = new Map<number, ItemSummary>();
    if (!ids.length) return out;
    const rows = db()
      .select({ id: questions.id, title: questions.title, seminarId: questions.seminarId })
      .from(questions)
      .where(sql`${questions.id} in (select value from json_each(${JSON.stringify(ids)}))`)
      .all();
    for (const r of rows) out.set(r.id, { title: r.title, href: questionPath(r.id), seminarId: r.seminarId });
    return out;
  },
};

function answerQuestionIds(ids: number[]): Map<number, number> {
  if (!ids.length) return new Map();
  const rows = db()
    .select({ id: answers.id, questionId: answers.questionId })
    .from(answers)
    .where(sql`${answers.id} in (select value from json_each(${JSON.stringify(ids)}))`)
    .all();
  return new Map(rows.map((r) => [r.id, r.questionId]));
}

export const answerKind: KindHandler = {
  visibleIds(viewer, ids) {
    const byAnswer = answerQuestionIds(ids);
    const visible = visibleQuestionIds(viewer, [...byAnswer.values()]);
    return new Set([...byAnswer].filter(([, q]) => visible.has(q)).map(([a]) => a));
  },
  summarize(ids) {
    const out = new Map<number, ItemSummary>();
    if (!ids.length) return out;
    const rows = db()
      .select({ id: answers.id, questionId: answers.questionId, title: questions.title, seminarId: questions.seminarId })
      .from(answers)
      .innerJoin(questions, eq(questions.id, answers.questionId))
      .where(sql`${answers.id} in (select value from json_each(${JSON.stringify(ids)}))`)
      .all();
    for (const r of rows) out.set(r.id, { title: `Answer to “${r.title}”`, href: `${questionPath(r.questionId)}#answer-${r.id}`, seminarId: r.seminarId });
    return out;
  },
};

