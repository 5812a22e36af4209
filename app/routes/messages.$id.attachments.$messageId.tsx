// A message's attachment: only to members of its conversation, as a download with the type we detected.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { getMessageForMember } from "~/models/messages.server";
import { moderationStates } from "~/models/moderation-state.server";
import { storedFileDownload } from "~/services/uploads.server";

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const conversationId = IdSchema.safeParse(params.id);
  const messageId = IdSchema.safeParse(params.messageId);
  if (!conversationId.success || !messageId.success) notFound();
  const m = getMessageForMember({ viewer: user, messageId: messageId.data });
  if (!m || m.conversationId !== conversationId.data || !m.attachmentStored) notFound();
  const state = moderationStates("message", [m.id]).get(m.id);
  if (state === "removed" || (state === "hidden" && m.authorId !== user.id)) notFound();
  return storedFileDownload(request, "messages", { storedName: m.attachmentStored, fileName: m.attachmentName ?? "attachment", contentType: m.attachmentType ?? "application/octet-stream" }) ?? notFound();
}
