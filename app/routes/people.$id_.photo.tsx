// A member's photo, served only to viewers whom profileFor allows to see it (never from public/).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { loadMember, profileFor } from "~/models/profile.server";
import { readPhoto } from "~/services/photos.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).safeParse(params.id);
  if (!id.success) notFound();
  const record = loadMember(id.data);
  if (!record) notFound();
  const visible = profileFor(viewer, record);
  if (!visible?.photoUrl || !record.profile.photoFile) notFound();
  const bytes = readPhoto(record.profile.photoFile);
  if (!bytes) notFound();
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(bytes.byteLength),
      // Private (one viewer may see it, another not), and short, so hiding a photo takes effect soon.
      "Cache-Control": "private, max-age=600",
      "Content-Disposition": "inline",
    },
  });
}
