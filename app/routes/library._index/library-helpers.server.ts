// Issue #20: guards shared by the library's routes.
import { notFound, requireUser, type SessionUser } from "~/auth/guards.server";
import { canAddDocuments, canAddVersion } from "~/models/library-access.server";
import { getDocument, type LibraryDocument } from "~/models/library.server";

const refuse = (why: string) => new Response(why, { status: 403, statusText: why });

/**
 * Staff, instructors and members of seminars staff open to contributions add documents; everyone else gets a 403
 * that says why (the library itself is no secret, so this is not a 404).
 */
export async function requireLibraryContributor(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!canAddDocuments(user)) throw refuse("Only staff, instructors and members of seminars staff open to contributions add library documents.");
  return user;
}

/** New versions: staff and instructors for any document, a contributing member for the documents they added. */
export async function requireVersionUploader(request: Request, params: { id?: string }): Promise<{ user: SessionUser; document: LibraryDocument }> {
  const user = await requireUser(request);
  const document = requireDocument(params);
  if (!canAddVersion(user, document)) throw refuse("Only staff, instructors and the member who added this document upload new versions of it.");
  return { user, document };
}

export function requireDocument(params: { id?: string }): LibraryDocument {
  if (!params.id || !/^[1-9]\d{0,9}$/.test(params.id)) notFound();
  const doc = getDocument({ id: Number(params.id) });
  if (!doc) notFound();
  return doc;
}
