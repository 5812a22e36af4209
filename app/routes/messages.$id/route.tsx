// One conversation (issue #15): only its members see it; anyone else gets the 404 of a page that does not exist,
// for the page and its .data alike. New messages arrive live over /events; without JavaScript, "Check for new
// messages" reloads. Members reply (with an optional attachment), mute, leave, or block someone in it.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { FormError } from "~/components/form";
import { useLiveEvent } from "~/components/live-events";
import { formatBytes, LocalTime } from "~/components/local-time";
import { MessageComposer } from "~/components/message-composer";
import { RichText } from "~/components/rich-text";
import { ModerationNotice } from "~/components/moderation-notice";
import { leaveConversation, sendMessage, setMuted } from "~/models/message-sending.server";
import { setBlocked } from "~/models/message-settings.server";
import { getConversation, listMessages, markConversationRead, membership, unreadConversationCount } from "~/models/messages.server";
import { moderationStates } from "~/models/moderation-state.server";
import { publishToUser } from "~/services/events.server";
import { ACCEPT_ATTRIBUTE, ACCEPTED_KINDS, maxUploadBytes, maxUploadLabel, removeStoredFile } from "~/services/uploads.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { announceMessage, keepAttachment, readMessageForm, ReplySchema } from "../messages._index/messages-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.heading} · Messages · Colloquy` : "Colloquy" }];

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const BeforeSchema = z.coerce.number().int().positive().optional().catch(undefined);

function conversationIdFrom(params: { id?: string }): number {
  const id = IdSchema.safeParse(params.id);
  if (!id.success) notFound();
  return id.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const conversationId = conversationIdFrom(params);
  const conversation = getConversation({ viewer: user, conversationId });
  if (!conversation) notFound();
  const before = BeforeSchema.parse(new URL(request.url).searchParams.get("before") ?? undefined);
  const page = listMessages({ viewer: user, conversationId, before, hiddenFor: (rows) => moderationStates("message", rows.map((r) => r.id)) });
  if (!before) {
    const wasUnread = unreadConversationCount({ userId: user.id });
    markConversationRead({ userId: user.id, conversationId });
    const unread = unreadConversationCount({ userId: user.id });
    // The header in this member's other tabs (and this one, whose root loader may have counted first) follows.
    if (unread !== wasUnread) publishToUser(user.id, "messages", { unread });
  }
  const active = conversation.people.filter((p) => !p.left);
  return {
    conversation,
    heading: conversation.title || active.map((p) => p.name).join(", ") || "Only you",
    messages: page.messages.map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() })),
    olderBefore: page.olderBefore,
    upload: { accept: ACCEPT_ATTRIBUTE, maxBytes: maxUploadBytes(), maxLabel: maxUploadLabel(), kinds: ACCEPTED_KINDS },
  };
}

const OtherSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("mute") }),
  z.object({ intent: z.literal("unmute") }),
  z.object({ intent: z.literal("leave") }),
  z.object({ intent: z.literal("block"), userId: z.coerce.number().int().positive() }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const conversationId = conversationIdFrom(params);
  if (!membership({ userId: user.id, conversationId })) notFound();
  const form = await readMessageForm(request);
  const back = `/messages/${conversationId}`;
  if ((form.formData.get("intent") ?? "send") === "send") {
    const submission = parseWithZod(form.formData, { schema: ReplySchema });
    if (!form.ok) return data({ result: submission.reply({ fieldErrors: { attachment: [form.error] } }) }, { status: form.status });
    if (submission.status !== "success") {
      await form.discard();
      return data({ result: submission.reply() }, { status: 400 });
    }
    const attachment = await keepAttachment(form.file);
    const r = sendMessage({ sender: user, conversationId, bodyMd: submission.value.body, attachment });
    if (!r.ok) {
      if (attachment) await removeStoredFile("messages", attachment.storedName);
      if (r.status === 404) notFound();
      return data({ result: submission.reply(r.status === 429 ? { formErrors: [r.error] } : { fieldErrors: { body: [r.error] } }) }, { status: r.status });
    }
    announceMessage({ conversationId, messageId: r.messageId, senderId: user.id, recipients: r.recipients });
    return redirect(`${back}#m${r.messageId}`);
  }
  if (form.ok) await form.discard();
  const submission = parseWithZod(form.formData, { schema: OtherSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  const v = submission.value;
  if (v.intent === "mute" || v.intent === "unmute") {
    setMuted({ userId: user.id, conversationId, muted: v.intent === "mute" });
    publishToUser(user.id, "messages", { unread: unreadConversationCount({ userId: user.id }) });
    return redirectWithFlash(back, { kind: "success", message: v.intent === "mute" ? "Muted: this conversation no longer counts as unread or sends mail." : "Unmuted." });
  }
  if (v.intent === "leave") {
    leaveConversation({ userId: user.id, conversationId });
    publishToUser(user.id, "messages", { unread: unreadConversationCount({ userId: user.id }) });
    return redirectWithFlash("/messages", { kind: "success", message: "You left the conversation." });
  }
  const conversation = getConversation({ viewer: user, conversationId });
  const person = conversation?.people.find((p) => p.id === v.userId);
  if (!person) throw new Response("Bad Request", { status: 400 });
  setBlocked({ userId: user.id, otherId: v.userId, blocked: true });
  return redirectWithFlash(back, {
    kind: "success",
    message: `You blocked ${person.name}. They cannot message you, and you will not see their messages. They are not told. Undo it under Privacy and notifications.`,
  });
}

export default function ConversationPage() {
  const { conversation, heading, messages, olderBefore, upload } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const revalidator = useRevalidator();
  useLiveEvent("messages", (d) => {
    if ((d as { conversationId?: number } | null)?.conversationId === conversation.id && revalidator.state === "idle") revalidator.revalidate();
  });
  const errors = (actionData?.result.error ?? {}) as Record<string, string[] | null>;
  const initial = (actionData?.result.initialValue ?? {}) as Record<string, unknown>;
  const lastId = messages.at(-1)?.id ?? 0;
  // The reply box starts empty again after the member's own message is sent, never when someone else's arrives.
  const lastMine = messages.filter((m) => m.mine).at(-1)?.id ?? 0;
  const others = conversation.people.filter((p) => !p.left);
  return (
    <div className="narrow stack">
      <div className="page-head">
        <h1>{heading}</h1>
        <p className="muted">
          <Link to="/messages">All messages</Link>
          {" · "}
          {others.length ? (
            <>
              With{" "}
              {others.map((p, i) => (
                <span key={p.id}>
                  {i ? ", " : ""}
                  {p.href ? <Link to={p.href}>{p.name}</Link> : p.name}
                </span>
              ))}
            </>
          ) : (
            "Everyone else has left"
          )}
          {" · "}
          <Link to={`/messages/${conversation.id}`} reloadDocument>
            Check for new messages
          </Link>
        </p>
      </div>
      {olderBefore ? (
        <p>
          <Link to={`/messages/${conversation.id}?before=${olderBefore}`}>Earlier messages</Link>
        </p>
      ) : null}
      <ol className="plain-list message-list" aria-label="Messages" aria-live="polite" data-last-id={lastId}>
        {messages.map((m) => (
          <li key={m.id} id={`m${m.id}`} className={`card message${m.mine ? " message--mine" : ""}`}>
            <p className="muted message__meta">
              <strong>{m.authorHref ? <Link to={m.authorHref}>{m.authorName}</Link> : m.authorName}</strong> · <LocalTime iso={m.createdAt} />
              {!m.mine ? (
                <>
                  {" · "}
                  <Link to={`/report?kind=message&id=${m.id}`} className="muted">
                    Report
                  </Link>
                </>
              ) : null}
            </p>
            {m.moderation === "hidden" ? (
              <ModerationNotice what="message" who="only you can see" />
            ) : null}
            <RichText html={m.html} />
            {m.attachment ? (
              <p>
                <a href={`/messages/${conversation.id}/attachments/${m.id}`} download>
                  {m.attachment.name}
                </a>{" "}
                <span className="muted">({formatBytes(m.attachment.size)})</span>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {messages.length === 0 ? <p className="muted">No messages here yet.</p> : null}
      <section className="card" aria-labelledby="reply-title">
        <h2 id="reply-title">Reply</h2>
        <FormError message={errors[""]?.[0] ?? null} />
        <Form method="post" encType="multipart/form-data" className="stack" key={lastMine}>
          <MessageComposer
            defaultValue={String(initial.body ?? "")}
            error={errors.body?.[0] ?? null}
            attachmentError={errors.attachment?.[0] ?? null}
            upload={upload}
            busy={busy}
          />
        </Form>
      </section>
      <section className="card" aria-labelledby="conv-options">
        <h2 id="conv-options">Conversation options</h2>
        <div className="actions">
          <Form method="post">
            <button type="submit" name="intent" value={conversation.muted ? "unmute" : "mute"} className="button--secondary">
              {conversation.muted ? "Unmute" : "Mute"}
            </button>
          </Form>
          <Form method="post">
            <button type="submit" name="intent" value="leave" className="button--secondary">
              Leave conversation
            </button>
          </Form>
        </div>
        {others.length ? (
          <ul className="plain-list">
            {others.map((p) => (
              <li key={p.id}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="userId" value={p.id} />
                  <button type="submit" name="intent" value="block" className="button--small button--secondary">
                    Block {p.name}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
