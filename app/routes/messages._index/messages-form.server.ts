// Reading a message form (issue #15): plain or with one attachment through the safe upload path; the text is
// received whole even when far too long, so the refusal can hand the draft back.
import { z } from "zod";
import type { Attachment } from "~/models/message-sending.server";
import { MESSAGE_MAX_CHARS } from "~/models/messages.server";
import { publishToUser } from "~/services/events.server";
import { receiveUpload, storeUpload, type UploadedFile } from "~/services/uploads.server";
import { unreadConversationCount } from "~/models/messages.server";

/** A text far over the limit still arrives (and is refused with the draft kept); beyond this, the form is cut. */
const MESSAGE_FIELD_LIMIT = 4 * 1024 * 1024;

export const MessageBodySchema = z
  .string()
  .max(MESSAGE_MAX_CHARS, {
    message: `A message can have at most ${MESSAGE_MAX_CHARS.toLocaleString("en-US")} characters. Shorten it, or attach the text as a file. Your text is kept here.`,
  })
  .optional()
  .default("");

export const ReplySchema = z.object({ intent: z.literal("send"), body: MessageBodySchema });

export const NewConversationSchema = z.object({
  to: z
    .array(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER), { error: "Choose at least one person to write to." })
    .min(1, "Choose at least one person to write to."),
  title: z.string().trim().max(120, "Keep the name under 120 characters.").optional().default(""),
  body: MessageBodySchema,
});

export type MessageForm =
  | { ok: true; formData: FormData; file: UploadedFile | null; discard: () => Promise<void> }
  | { ok: false; status: number; error: string; formData: FormData };

function toFormData(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

export async function readMessageForm(request: Request): Promise<MessageForm> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) {
    return { ok: true, formData: await request.formData(), file: null, discard: async () => {} };
  }
  const r = await receiveUpload(request, { fileField: "attachment", fieldLimit: MESSAGE_FIELD_LIMIT });
  if (!r.ok) return { ok: false, status: r.status, error: r.error, formData: toFormData(r.fields) };
  return { ok: true, formData: toFormData(r.fields), file: r.file, discard: r.discard };
}

/** Moves an accepted attachment into place (after the message text passed its checks). */
export async function keepAttachment(file: UploadedFile | null): Promise<Attachment | null> {
  if (!file) return null;
  const storedName = await storeUpload(file, "messages");
  return { storedName, fileName: file.fileName, contentType: file.type.contentType, size: file.size };
}

/** After a message is committed: every member's open tabs hear about it (and their unread count). */
export function announceMessage({ conversationId, messageId, senderId, recipients }: { conversationId: number; messageId: number; senderId: number; recipients: number[] }) {
  for (const userId of [senderId, ...recipients]) {
    publishToUser(userId, "messages", { conversationId, messageId, unread: unreadConversationCount({ userId }) });
  }
}
