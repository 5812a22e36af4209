// Issue #14: the network's questions (every member sees them), with the views staff and instructors use to keep the
// promise of fast help (unanswered / no accepted answer, oldest first), and the topics a member follows.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { FILTER_LABELS, QuestionFilters, QuestionList } from "~/components/question-list";
import { controlledLists } from "~/models/profile-write.server";
import { listNetworkQuestions } from "~/models/question-lists.server";
import { setFollow, topicFollows } from "~/models/question-routing.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { listView, readListParams } from "./questions-helpers.server";

export const meta: MetaFunction = () => [{ title: "Questions · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { filter, page } = readListParams(request);
  const { items, hasNext } = listNetworkQuestions({ filter, page });
  const lists = controlledLists();
  return { filter, page, hasNext, items: listView(items), follows: topicFollows({ userId: user.id }), areas: lists.areas, jurisdictions: lists.jurisdictions };
}

const FollowSchema = z.object({
  intent: z.enum(["follow", "unfollow"]),
  targetKind: z.enum(["area", "jurisdiction"]),
  target: z.string({ error: "Choose a practice area or jurisdiction." }).max(200),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: FollowSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { intent, targetKind, target } = submission.value;
  const lists = controlledLists();
  if (!(targetKind === "area" ? lists.areas : lists.jurisdictions).includes(target)) {
    return data({ result: submission.reply({ fieldErrors: { target: ["Choose a practice area or jurisdiction from the list."] } }) }, { status: 400 });
  }
  setFollow({ userId: user.id, targetKind, target, follow: intent === "follow" });
  return redirectWithFlash("/questions", { kind: "success", message: intent === "follow" ? `You will hear of new questions on ${target}.` : `You no longer follow ${target}.` });
}

export default function NetworkQuestions() {
  const d = useLoaderData<typeof loader>();
  const ad = useActionData<typeof action>();
  const targetError = (ad?.result.error as Record<string, string[] | undefined> | undefined)?.target?.[0];
  const next = new URLSearchParams({ ...(d.filter !== "all" ? { view: d.filter } : {}), page: String(d.page + 1) });
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Questions to all members</h1>
        <p>
          <Link className="button" to="/questions/new">
            Ask a question
          </Link>
        </p>
      </div>
      <p className="muted">Ask colleagues across the network; members whose practice areas and jurisdictions match are told. Questions in a seminar are on its own Questions page.</p>
      <QuestionFilters base="/questions" filter={d.filter} />
      <h2 className="visually-hidden">{FILTER_LABELS[d.filter]}</h2>
      <QuestionList
        items={d.items}
        timeZone="UTC"
        empty={d.filter === "all" ? "No questions yet. Be the first to ask." : "Nothing is waiting here. Every open question has what this view looks for."}
      />
      {d.hasNext ? (
        <p>
          <Link to={`/questions?${next}`}>More questions</Link>
        </p>
      ) : null}
      <section className="card" aria-labelledby="follow-title">
        <h2 id="follow-title">Topics you follow</h2>
        {d.follows.length ? (
          <ul className="plain-list">
            {d.follows.map((f) => (
              <li key={`${f.targetKind}:${f.target}`}>
                <Form method="post" className="inline-form">
                  {f.target} <span className="muted">({f.targetKind === "area" ? "practice area" : "jurisdiction"})</span>{" "}
                  <input type="hidden" name="targetKind" value={f.targetKind} />
                  <input type="hidden" name="target" value={f.target} />
                  <button type="submit" name="intent" value="unfollow" className="button--small button--secondary" aria-label={`Stop following ${f.target}`}>
                    Stop following
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Follow a practice area or jurisdiction to hear of new questions about it.</p>
        )}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="follow" />
          <div className={`field${targetError ? " field--invalid" : ""}`}>
            <label htmlFor="follow-area">Practice area</label>
            <select id="follow-area" name="target" defaultValue="">
              <option value="" disabled>
                Choose…
              </option>
              {d.areas.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
            {targetError ? <p className="field__error">{targetError}</p> : null}
          </div>
          <button type="submit" name="targetKind" value="area" className="button--secondary">
            Follow this practice area
          </button>
        </Form>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="follow" />
          <div className="field">
            <label htmlFor="follow-jurisdiction">Jurisdiction</label>
            <select id="follow-jurisdiction" name="target" defaultValue="">
              <option value="" disabled>
                Choose…
              </option>
              {d.jurisdictions.map((j) => (
                <option key={j}>{j}</option>
              ))}
            </select>
          </div>
          <button type="submit" name="targetKind" value="jurisdiction" className="button--secondary">
            Follow this jurisdiction
          </button>
        </Form>
      </section>
    </div>
  );
}
