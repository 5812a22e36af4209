// Shared by the wiki routes: the seminar wall, the page lookup and the edit permission, checked per request.
import { notFound, requireSeminarRole } from "~/auth/guards.server";
import { canEditWiki, getWikiPage } from "~/models/wiki.server";
import { memberNames } from "~/models/profile.server";
import { moderatedRefs, passesModeration } from "~/models/moderation-state.server";

const PAGE_SLUG = /^[\p{Ll}\p{Lo}\p{N}-]{1,80}$/u;

export async function requireWikiAccess(request: Request, params: { slug?: string; page?: string }) {
  const access = await requireSeminarRole(request, params.slug);
  const pageSlug = params.page ?? "";
  if (params.page !== undefined && !PAGE_SLUG.test(pageSlug)) notFound();
  const page = params.page !== undefined ? getWikiPage({ seminarId: access.seminar.id, slug: pageSlug }) : undefined;
  // Issue #15: a page the moderators hid is for its author (told so) and staff only; a removed one for nobody.
  const moderation = page ? moderatedRefs([{ kind: "wiki", id: page.id }]).get(`wiki:${page.id}`) : undefined;
  if (!passesModeration(access.user, moderation)) notFound();
  return { ...access, pageSlug, page, canEdit: canEditWiki(access), moderation: moderation?.state ?? null };
}

export function requireWikiEditor(a: { canEdit: boolean; seminar: { wikiEditPolicy: string } }) {
  if (!a.canEdit) {
    throw new Response("Forbidden", {
      status: 403,
      statusText:
        a.seminar.wikiEditPolicy === "instructors"
          ? "In this seminar only instructors edit the wiki."
          : "You cannot edit this wiki.",
    });
  }
}

/** Names of the given members for display (id → { name, href }). */
export function names(ids: (number | null | undefined)[]) {
  const map = memberNames(ids.filter((x): x is number => typeof x === "number"));
  return Object.fromEntries([...map].map(([id, n]) => [id, { id: n.id, name: n.name, href: n.href }]));
}

