// Issue #14: suggestions while asking (fetched as the title is typed): visible questions sharing its words.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { similarQuestions } from "~/models/question-lists.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 300);
  return { items: similarQuestions({ viewer: user, text: q }) };
}
