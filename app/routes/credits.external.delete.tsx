// Issue #17: a member removes a course they recorded from elsewhere (its credits and its certificate file); anyone
// else's record is "no such page".
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { deleteExternalCredit } from "~/models/credit-external.server";
import { removeStoredFile } from "~/services/uploads.server";
import { redirectWithFlash } from "~/utils/flash.server";

const DeleteSchema = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: DeleteSchema });
  if (submission.status !== "success") notFound();
  const storedName = deleteExternalCredit({ userId: user.id, id: submission.value.id });
  if (!storedName) notFound();
  await removeStoredFile("credits", storedName);
  return redirectWithFlash("/credits", { kind: "success", message: "The course and its certificate are removed." });
}

export async function loader() {
  notFound();
}
