// A vCard (RFC 6350, version 3.0 for the widest support) of what this viewer may see of a member.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { profileFor } from "~/models/profile.server";
import { vcardFor } from "~/services/vcard.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).safeParse(params.id);
  if (!id.success) notFound();
  const profile = profileFor(viewer, id.data);
  if (!profile || profile.former) notFound();
  const origin = new URL(request.url).origin;
  const { body, fileName } = vcardFor(profile, origin);
  return new Response(body, {
    headers: {
      "Content-Type": "text/vcard; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
