// Starting a conversation (issue #15), reached from a profile, a roster or a question page with ?to=<member id>
// (repeatable, up to 19 others). Everyone chosen must accept messages from the sender; the refusal never says why.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { FormError } from "~/components/form";
import { MessageComposer } from "~/components/message-composer";
import { startConversation } from "~/models/message-sending.server";
import { messageableIds } from "~/models/message-settings.server";
import { MAX_PARTICIPANTS } from "~/utils/messages";
import { memberNames } from "~/models/profile.server";
import { ACCEPT_ATTRIBUTE, ACCEPTED_KINDS, maxUploadBytes, maxUploadLabel, removeStoredFile } from "~/services/uploads.server";
import { announceMessage, keepAttachment, NewConversationSchema, readMessageForm } from "../messages._index/messages-form.server";

export const meta: MetaFunction = () => [{ title: "New message · Colloquy" }];

const IdList = z.array(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(MAX_PARTICIPANTS * 2);


function recipientsView(viewer: { id: number; role: "admin" | "member" }, ids: number[]) {
  const unique = [...new Set(ids)].filter((id) => id !== viewer.id);
  const names = memberNames(unique);
  const allowed = messageableIds(viewer, unique);
  return unique
    .filter((id) => names.get(id) && !names.get(id)!.former)
    .map((id) => ({ id, name: names.get(id)!.name, allowed: allowed.has(id) }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = IdList.safeParse(new URL(request.url).searchParams.getAll("to"));
  const recipients = recipientsView(user, parsed.success ? parsed.data : []);
  return {
    recipients,
    maxParticipants: MAX_PARTICIPANTS,
    upload: { accept: ACCEPT_ATTRIBUTE, maxBytes: maxUploadBytes(), maxLabel: maxUploadLabel(), kinds: ACCEPTED_KINDS },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readMessageForm(request);
  const submission = parseWithZod(form.formData, { schema: NewConversationSchema });
  const recipients = recipientsView(user, form.formData.getAll("to").map(Number).filter(Number.isInteger));
  if (!form.ok) return data({ result: submission.reply({ fieldErrors: { attachment: [form.error] } }), recipients }, { status: form.status });
  if (submission.status !== "success") {
    await form.discard();
    return data({ result: submission.reply(), recipients }, { status: 400 });
  }
  const attachment = await keepAttachment(form.file);
  const r = startConversation({ sender: user, recipientIds: submission.value.to, title: submission.value.title, bodyMd: submission.value.body, attachment });
  if (!r.ok) {
    if (attachment) await removeStoredFile("messages", attachment.storedName);
    const field = r.status === 429 ? "" : r.field === "to" ? "to" : "body";
    return data({ result: submission.reply(field ? { fieldErrors: { [field]: [r.error] } } : { formErrors: [r.error] }), recipients }, { status: r.status });
  }
  announceMessage({ conversationId: r.conversationId, messageId: r.messageId, senderId: user.id, recipients: r.recipients });
  return redirect(`/messages/${r.conversationId}#m${r.messageId}`);
}

export default function NewMessage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const recipients = actionData?.recipients ?? loaded.recipients;
  const errors = (actionData?.result.error ?? {}) as Record<string, string[] | null>;
  const initial = (actionData?.result.initialValue ?? {}) as Record<string, unknown>;
  const refused = recipients.filter((r) => !r.allowed);
  const usable = recipients.filter((r) => r.allowed);
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>New message</h1>
        <p className="muted">
          <Link to="/messages">Back to your messages</Link>
        </p>
      </div>
      <FormError message={errors[""]?.[0] ?? null} />
      {recipients.length === 0 ? (
        <p className="card">
          Start a conversation from a member’s profile (“Send a message”), from a seminar roster, or from a question page. You can write to
          up to {loaded.maxParticipants - 1} people at once.
        </p>
      ) : null}
      {refused.length ? (
        <div className="flash flash--error" role="alert">
          {refused.map((r) => r.name).join(", ")} {refused.length === 1 ? "does" : "do"} not accept messages from you.
        </div>
      ) : null}
      {usable.length ? (
        <Form method="post" encType="multipart/form-data" className="stack card">
          <fieldset className={errors.to ? "field--invalid" : undefined}>
            <legend>To</legend>
            {usable.map((r) => (
              <label key={r.id} className="check-inline">
                <input type="checkbox" name="to" value={r.id} defaultChecked /> {r.name}
              </label>
            ))}
            {errors.to ? <p className="field__error">{errors.to[0]}</p> : null}
          </fieldset>
          {usable.length > 1 ? (
            <div className={`field${errors.title ? " field--invalid" : ""}`}>
              <label htmlFor="f-title">Conversation name (optional)</label>
              <input id="f-title" name="title" maxLength={120} defaultValue={String(initial.title ?? "")} />
              {errors.title ? <p className="field__error">{errors.title[0]}</p> : null}
            </div>
          ) : null}
          <MessageComposer
            defaultValue={String(initial.body ?? "")}
            error={errors.body?.[0] ?? null}
            attachmentError={errors.attachment?.[0] ?? null}
            upload={loaded.upload}
            busy={busy}
          />
        </Form>
      ) : null}
    </div>
  );
}
