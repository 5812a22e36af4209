// GET /s/:slug/mentions?q=ad — completion for `@name` in this seminar's posts, comments and wiki (issue #15): only
// people who may see the seminar's content (its members), and only for someone who may see it too.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireSeminarRole } from "~/auth/guards.server";
import { db } from "~/models/db.server";
import { completeMentions } from "~/models/mentions.server";

const QuerySchema = z.string().trim().max(60).catch("");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug);
  const q = QuerySchema.parse(new URL(request.url).searchParams.get("q") ?? "");
  const people = completeMentions(db(), { seminarId: seminar.id, q });
  return Response.json({ people }, { headers: { "Cache-Control": "private, no-store" } });
}
