import { redirect } from "@remix-run/node";
import type { User } from "lucia";
import { lucia, sessionIdFrom } from "./session.server";
import { getSeminarForMember, type SeminarAccess } from "~/models/seminar.server";
import { recordPageView } from "~/models/visits.server";

export type SessionUser = User;

// Remix runs the loaders of one request in parallel; validate the session once per Request.
const perRequest = new WeakMap<Request, Promise<SessionUser | null>>();

export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = (async () => {
      const id = sessionIdFrom(request);
      if (!id) return null;
      const { user } = await lucia().validateSession(id);
      // Issue #19: a member's page views, counted in memory and written in batches (never on this request's path).
      if (user) recordPageView(request, user.id);
      return user;
    })();
    perRequest.set(request, pending);
  }
  return pending;
}

/** Redirect targets from input: one function for the whole app (issue #21). */
export { safeRedirectPath } from "~/utils/safe-redirect";

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    // Data requests (single fetch) end in .data; send people back to the page, not the data URL.
    const path = url.pathname.replace(/\.data$/, "") || "/";
    const back = path + (url.search || "");
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** For streams and other machine endpoints: a plain 401 instead of a redirect to the sign-in page. */
export async function requireStreamUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    throw new Response("Sign in to receive live updates.", {
      status: 401,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return user;
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role !== "admin") throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  return user;
}

/** Staff analytics (issue #19): admins only; everybody else, signed in or not, gets the 404 of a page that does not exist. */
export async function requireAnalyticsAccess(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user || user.role !== "admin") notFound();
  return user;
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

// A seminar page runs the frame's loader and the section's loader for the same Request; on reads, look access up once.
// Not for actions: their loaders run on the same Request after the change and must see it.
const accessPerRequest = new WeakMap<Request, Map<string, SeminarAccess | null>>();

function seminarAccessFor(request: Request, slug: string, user: SessionUser): SeminarAccess | null {
  const lookup = () => getSeminarForMember({ slug, userId: user.id, isAdmin: user.role === "admin" });
  if (request.method !== "GET" && request.method !== "HEAD") return lookup();
  let bySlug = accessPerRequest.get(request);
  if (!bySlug) {
    bySlug = new Map();
    accessPerRequest.set(request, bySlug);
  }
  if (!bySlug.has(slug)) bySlug.set(slug, lookup());
  return bySlug.get(slug)!;
}

/**
 * The wall around every seminar: a non-member gets exactly the 404 of a seminar that does not exist.
 * Admins see every seminar. With `role: "instructor"`, attendees get 403 (they already know it exists).
 */
export async function requireSeminarRole(
  request: Request,
  slug: string | undefined,
  role: "member" | "instructor" = "member",
): Promise<SeminarAccess & { user: SessionUser }> {
  const user = await requireUser(request);
  if (!slug) notFound();
  const access = seminarAccessFor(request, slug, user);
  if (!access) notFound();
  if (role === "instructor" && !access.canManage) {
    throw new Response("Forbidden", { status: 403, statusText: "Only instructors of this seminar can do that." });
  }
  return { ...access, user };
}
