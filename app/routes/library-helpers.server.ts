// Issue #20: guards shared by the library's routes.
import { notFound, requireUser, type SessionUser } from "~/auth/guards.server";
import { canAddDocuments, getDocument, type LibraryDocument } from "~/models/library.server";

/** Staff and instructors add documents and versions; everyone else gets 403 (the library itself is no secret). */
export async function requireLibrarian(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!canAddDocuments(user)) throw new Response("Forbidden", { status: 403, statusText: "Only staff and instructors add library documents." });
  return user;
}

export function requireDocument(params: { id?: string }): LibraryDocument {
  if (!params.id || !/^[1-9]\d{0,9}$/.test(params.id)) notFound();
  const doc = getDocument({ id: Number(params.id) });
  if (!doc) notFound();
  return doc;
}
