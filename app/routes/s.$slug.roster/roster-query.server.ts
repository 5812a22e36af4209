// The roster's query string (page and CSV export share it).
import { z } from "zod";
import { controlledLists } from "~/models/profile-write.server";
import type { RosterFilters } from "~/models/roster.server";

const RosterQuerySchema = z.object({
  q: z.string().max(200).catch(""),
  area: z.string().max(100).catch(""),
  jurisdiction: z.string().max(100).catch(""),
  referrals: z.literal("on").optional().catch(undefined),
  sort: z.enum(["name", "firm", "years", "joined"]).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
});

export function parseRosterQuery(url: URL): { filters: RosterFilters; query: Required<Omit<RosterFilters, "referrals">> & { referrals: boolean } } {
  const g = (k: string) => url.searchParams.get(k) ?? undefined;
  const r = RosterQuerySchema.parse({ q: g("q") ?? "", area: g("area") ?? "", jurisdiction: g("jurisdiction") ?? "", referrals: g("referrals"), sort: g("sort"), dir: g("dir") });
  const { areas, jurisdictions } = controlledLists();
  const area = areas.includes(r.area) ? r.area : "";
  const jurisdiction = jurisdictions.includes(r.jurisdiction) ? r.jurisdiction : "";
  const referrals = r.referrals === "on";
  return {
    filters: { q: r.q, area: area || undefined, jurisdiction: jurisdiction || undefined, referrals, sort: r.sort, dir: r.dir },
    query: { q: r.q, area, jurisdiction, referrals, sort: r.sort, dir: r.dir },
  };
}
