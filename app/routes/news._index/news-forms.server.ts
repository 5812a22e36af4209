// The news pages' forms (issue #7, one form pattern of issue #13): the actions parse these with `parseWithZod` and
// answer with `submission.reply()`. Conform turns an empty field into undefined, so optional fields have defaults.
// A .server module is empty in the browser: routes use these schemas only inside their actions.
import { z } from "zod";
import { SourceInputSchema } from "~/models/news.server";
import { DecisionsSchema } from "./news-helpers.server";

const SourceIdSchema = z.coerce.number().int().positive();

/** The buttons on a source's row: fetch now, remove. */
export const SourceRowSchemas = [
  z.object({ intent: z.literal("refresh"), sourceId: SourceIdSchema }),
  z.object({ intent: z.literal("remove"), sourceId: SourceIdSchema }),
] as const;

/** The "Add a source" form. */
export const AddSourceSchema = SourceInputSchema.extend({ intent: z.literal("add") });

/**
 * The approval form as sent: ticked items ("item"), the button pressed ("decision" or "one"), and the single-item
 * shape of the earlier per-item forms (itemId, sourceId, decision). `decisionsOf` reads it.
 */
export const DecideSchema = z.object({
  intent: z.literal("decide"),
  one: z.string().optional(),
  decision: z.string().optional(),
  item: z.union([z.string(), z.array(z.string())]).optional(),
  itemId: z.string().optional(),
  sourceId: z.string().optional(),
});

/** The items and the decision of an approval post; a shape the page never sends is a 400. */
export function decisionsOf(v: z.output<typeof DecideSchema>) {
  const legacy = v.itemId && v.sourceId ? `${v.decision}:${v.itemId}:${v.sourceId}` : null;
  const parsed = DecisionsSchema.safeParse(
    v.one ? { one: v.one } : legacy ? { one: legacy } : { decision: v.decision, item: v.item === undefined ? [] : [v.item].flat() },
  );
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  return parsed.data;
}

/**
 * Which form a refused news post belongs to. Row buttons the page draws never fail: a bad source id is "not found"
 * (404) and a malformed approval post a 400; the forms with fields get their reply.
 */
export function refusedForm<F extends string>(intent: FormDataEntryValue | null, forms: readonly F[], fallback: F): F {
  if (intent === "refresh" || intent === "remove") throw new Response("Not Found", { status: 404 });
  if (intent === "decide") throw new Response("Bad Request", { status: 400 });
  return forms.find((f) => f === intent) ?? fallback;
}

/** The network sources page (/admin/news). */
export const AdminNewsSchema = z.discriminatedUnion("intent", [
  ...SourceRowSchemas,
  DecideSchema,
  AddSourceSchema,
  z.object({ intent: z.literal("import"), opml: z.unknown().optional() }),
]);

/** A seminar's own sources and topics (/s/:slug/news/sources). */
export const SeminarSourcesSchema = z.discriminatedUnion("intent", [
  ...SourceRowSchemas,
  DecideSchema,
  AddSourceSchema,
  z.object({ intent: z.literal("topics"), topics: z.string().max(500, "Keep the topics under 500 characters.").default("") }),
]);

/** A member's own blog: its address and name only. */
export const MemberBlogSchema = z.discriminatedUnion("intent", [
  SourceInputSchema.pick({ url: true, name: true }).extend({ intent: z.literal("save") }),
  z.object({ intent: z.literal("refresh") }),
  z.object({ intent: z.literal("remove") }),
]);
