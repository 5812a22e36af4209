// Parses the directory's query string (shared by the network directory and seminar member pages).
import { z } from "zod";
import type { DirectoryFilters } from "~/models/directory.server";
import { controlledLists } from "~/models/profile-write.server";

const QuerySchema = z.object({
  // The search box holds at most 200 characters; a longer query (a pasted address) is cut there, not dropped:
  // only its first words count anyway (searchTerms).
  q: z
    .string()
    .catch("")
    .transform((q) => q.slice(0, 200)),
  area: z.string().max(100).catch(""),
  jurisdiction: z.string().max(100).catch(""),
  years: z.enum(["", "0-2", "3-5", "6-10", "11-20", "21-"]).catch(""),
  referrals: z.literal("on").optional().catch(undefined),
  opportunities: z.literal("on").optional().catch(undefined),
  sort: z.enum(["", "name", "recent"]).catch(""),
  scope: z.enum(["", "mine"]).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export function parseDirectoryQuery(url: URL) {
  const get = (k: string) => url.searchParams.get(k) ?? undefined;
  const raw = QuerySchema.parse({
    q: get("q") ?? "",
    area: get("area") ?? "",
    jurisdiction: get("jurisdiction") ?? "",
    years: get("years") ?? "",
    referrals: get("referrals"),
    opportunities: get("opportunities"),
    sort: get("sort") ?? "",
    scope: get("scope") ?? "",
    page: get("page") ?? 1,
  });
  const { areas, jurisdictions } = controlledLists();
  const area = areas.includes(raw.area) ? raw.area : "";
  const jurisdiction = jurisdictions.includes(raw.jurisdiction) ? raw.jurisdiction : "";
  const [min, max] = raw.years ? raw.years.split("-") : ["", ""];
  const filters: DirectoryFilters = {
    q: raw.q,
    area: area || undefined,
    jurisdiction: jurisdiction || undefined,
    minYears: min ? Number(min) : undefined,
    maxYears: max ? Number(max) : undefined,
    referrals: raw.referrals === "on",
    opportunities: raw.opportunities === "on",
    sort: raw.sort || undefined,
    mine: raw.scope === "mine",
  };
  return {
    filters,
    page: raw.page,
    query: { q: raw.q, area, jurisdiction, years: raw.years, referrals: raw.referrals === "on", opportunities: raw.opportunities === "on", sort: raw.sort, scope: raw.scope },
    lists: { areas, jurisdictions },
  };
}
