// The network directory: search and filters that see only what the viewer may see (app/models/directory.server.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { DirectoryFilters, Pagination, VisibleProfileList } from "~/components/directory-filters";
import { searchDirectory } from "~/models/directory.server";
import type { VisibleProfile } from "~/models/profile.server";
import { parseDirectoryQuery } from "./directory-query.server";

export const meta: MetaFunction = () => [{ title: "Member directory · Colloquy" }];

/**
 * What a directory card shows (PersonCard), and no more: the page's data travels inside the HTML, and whole profiles
 * (bios twice over, links, contact details) made up most of a 54 KB page (issue #9).
 */
const CARD_FIELDS = ["id", "name", "relation", "former", "deactivated", "photoUrl", "headline", "jobTitle", "firm", "city", "country", "openToReferrals"] as const;
type Card = Pick<VisibleProfile, (typeof CARD_FIELDS)[number] | "practiceAreas">;

function cardOf(p: VisibleProfile): Card {
  const card = Object.fromEntries(CARD_FIELDS.filter((k) => p[k] !== undefined).map((k) => [k, p[k]])) as unknown as Card;
  if (p.practiceAreas?.length) card.practiceAreas = p.practiceAreas.slice(0, 4);
  return card;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const { filters, page, query, lists } = parseDirectoryQuery(new URL(request.url));
  const result = searchDirectory(viewer, filters, page);
  return { ...result, members: result.members.map(cardOf), query, lists, viewerId: viewer.id };
}

export default function Directory() {
  const { members, total, more, page, pages, query, lists, viewerId } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const filtered = Boolean(query.q || query.area || query.jurisdiction || query.years || query.referrals || query.opportunities || query.scope);
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Member directory</h1>
        <p className="muted">
          Attorneys across the institute's seminars. Each member decides what others see; <Link to={`/people/${viewerId}`}>your profile</Link>{" "}
          shows what you share.
        </p>
      </div>
      <DirectoryFilters query={query} areas={lists.areas} jurisdictions={lists.jurisdictions} showScope />
      <p role="status" className="muted">
        {total === 0
          ? filtered
            ? "No members match. Try fewer filters or other words."
            : "No members are listed yet."
          : more
            ? // Counted up to a cap (issue #9): say so rather than show a number that is not the total.
              `More than ${(Math.floor(total / 1000) * 1000).toLocaleString("en-US")} members${filtered ? " match" : ""}`
            : `${total.toLocaleString("en-US")} ${total === 1 ? "member" : "members"}${filtered ? " match" : ""}`}
      </p>
      {members.length ? <VisibleProfileList people={members} /> : null}
      <Pagination page={page} pages={pages} more={more} search={search} />
    </div>
  );
}
