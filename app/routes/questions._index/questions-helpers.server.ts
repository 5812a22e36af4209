// Shared by the question routes: list rows with names, the ask-form schema, and the question lookup (404 for anyone
// who may not see it, exactly like a question that does not exist).
import { z } from "zod";
import { notFound, requireUser, type SessionUser } from "~/auth/guards.server";
import { memberNames } from "~/models/profile.server";
import type { QuestionListItem } from "~/models/question-lists.server";
import { getVisibleQuestion } from "~/models/questions.server";

export function listView(items: QuestionListItem[]) {
  const names = memberNames(items.flatMap((q) => (q.authorId ? [q.authorId] : [])));
  return items.map((q) => ({
    id: q.id,
    title: q.title,
    author: q.authorId ? (names.get(q.authorId) ?? null) : null,
    audience: q.audience,
    toInstructors: q.toInstructors,
    answerCount: q.answerCount,
    accepted: q.accepted,
    closed: q.closed,
    createdAt: q.createdAt.toISOString(),
  }));
}

export const FilterSchema = z.enum(["all", "unanswered", "unaccepted"]).catch("all");

export function readListParams(request: Request) {
  const sp = new URL(request.url).searchParams;
  return { filter: FilterSchema.parse(sp.get("view") ?? "all"), page: Math.max(1, Math.min(400, Number(sp.get("page")) || 1)) };
}

export async function requireQuestionAccess(request: Request, params: { id?: string }): Promise<{ user: SessionUser; question: NonNullable<ReturnType<typeof getVisibleQuestion>> }> {
  const user = await requireUser(request);
  const m = /^(\d{1,12})$/.exec(params.id ?? "");
  if (!m) notFound();
  const question = getVisibleQuestion({ viewer: user, id: Number(m[1]) });
  if (!question) notFound();
  return { user, question };
}

