// Issue #14: a seminar's questions: the public ones for every member, plus private questions to the instructors
// (the asker sees their own; instructors see all). Alumni keep access with their membership.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { FILTER_LABELS, QuestionFilters, QuestionList } from "~/components/question-list";
import { listSeminarQuestions } from "~/models/question-lists.server";
import { listView, readListParams } from "../questions._index/questions-helpers.server";

export const meta: MetaFunction = () => [{ title: "Questions · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user, canManage, role } = await requireSeminarRole(request, params.slug);
  const { filter, page } = readListParams(request);
  const { items, hasNext } = listSeminarQuestions({ seminarId: seminar.id, viewer: user, canManage, filter, page });
  return {
    slug: seminar.slug,
    timeZone: seminar.timeZone,
    canAsk: (role !== null || canManage) && !seminar.discussionsReadOnly,
    canManage,
    filter,
    page,
    hasNext,
    items: listView(items),
  };
}

export default function SeminarQuestions() {
  const d = useLoaderData<typeof loader>();
  const base = `/s/${d.slug}/questions`;
  const next = new URLSearchParams({ ...(d.filter !== "all" ? { view: d.filter } : {}), page: String(d.page + 1) });
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Questions</h1>
        {d.canAsk ? (
          <p className="actions">
            <Link className="button" to={`/questions/new?seminar=${d.slug}`}>
              Ask a question
            </Link>
            <Link className="button button--secondary" to={`/questions/new?seminar=${d.slug}&private=1`}>
              Ask the instructors privately
            </Link>
          </p>
        ) : null}
      </div>
      <p className="muted">
        {d.canManage
          ? "You see every question of this seminar, including private ones addressed to the instructors."
          : "Questions for the seminar's members and instructors. Private questions you asked are listed here too; nobody else sees them but the instructors."}
      </p>
      <QuestionFilters base={base} filter={d.filter} />
      <h2 className="visually-hidden">{FILTER_LABELS[d.filter]}</h2>
      <QuestionList items={d.items} timeZone={d.timeZone} empty={d.filter === "all" ? "No questions yet." : "Nothing is waiting here."} />
      {d.hasNext ? (
        <p>
          <Link to={`${base}?${next}`}>More questions</Link>
        </p>
      ) : null}
    </div>
  );
}
