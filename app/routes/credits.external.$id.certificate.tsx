// Issue #17: the certificate a member attached to credits from elsewhere: theirs and the institute's staff's to open;
// anyone else gets "no such page".
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { externalCertificateFor } from "~/models/credit-external.server";
import { storedFileDownload } from "~/services/uploads.server";

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = IdSchema.safeParse(params.id);
  if (!id.success) notFound();
  const row = externalCertificateFor(user, id.data);
  if (!row) notFound();
  const res = storedFileDownload(request, "credits", row);
  if (!res) notFound();
  return res;
}
