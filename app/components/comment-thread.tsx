import { Form, Link } from "@remix-run/react";
import { nameOf, type NameMap } from "~/utils/names";
import { TextArea } from "./form";
import { MemberLink } from "./member-link";
import { MODERATED_PLACEHOLDER, ModerationNotice, type ModeratedState } from "./moderation-notice";
import { RichText } from "./rich-text";
import { When } from "./when";

export interface ThreadItem {
  id: number;
  authorId: number | null;
  bodyHtml: string;
  bodyMd: string;
  createdAt: string;
  editedAt: string | null;
  removed: boolean;
  canEdit: boolean;
  canRemove: boolean;
  /** Issue #15: hidden by the moderators; only its author (and staff) see it, with a notice. */
  hidden?: boolean;
  /** Set when the viewer may not see it because of a moderators' decision (shown with the moderation wording). */
  moderated?: ModeratedState | null;
  canReport?: boolean;
  replies: ThreadItem[];
}

export interface CommentFormState {
  /** Which form the error and kept text belong to: "new", "reply-<id>" or "edit-<id>". */
  key: string;
  error: string;
  body: string;
}

function CommentForm({
  formKey,
  intent,
  label,
  submit,
  hidden,
  state,
  defaultBody = "",
}: {
  formKey: string;
  intent: string;
  label: string;
  submit: string;
  hidden?: Record<string, string | number>;
  state?: CommentFormState | null;
  defaultBody?: string;
}) {
  const mine = state?.key === formKey ? state : null;
  return (
    <Form method="post" className="comment-form" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formKey" value={formKey} />
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <TextArea id={`c-${formKey}`} label={label} name="body" defaultValue={mine ? mine.body : defaultBody} error={mine?.error} rows={4} required />
      <button type="submit">{submit}</button>
    </Form>
  );
}

function CommentItem({
  c,
  names,
  timeZone,
  canReply,
  state,
  isReply,
}: {
  c: ThreadItem;
  names: NameMap;
  timeZone: string;
  canReply: boolean;
  state?: CommentFormState | null;
  isReply: boolean;
}) {
  const author = nameOf(names, c.authorId);
  return (
    <li id={`comment-${c.id}`} className={`comment${isReply ? " comment--reply" : ""}`}>
      <article aria-label={c.removed ? "Removed comment" : `Comment by ${author.name}`}>
        {c.removed ? (
          <p className="muted comment__removed">{c.moderated ? MODERATED_PLACEHOLDER[c.moderated] : "This comment was removed."}</p>
        ) : (
          <>
            <p className="comment__meta">
              <MemberLink member={author} /> · <When iso={c.createdAt} timeZone={timeZone} />
              {c.editedAt ? (
                <span className="muted">
                  {" "}
                  · edited <When iso={c.editedAt} timeZone={timeZone} />
                </span>
              ) : null}
            </p>
            {c.hidden ? <ModerationNotice what="comment" /> : null}
            <RichText html={c.bodyHtml} className="prose comment__body" />
            <div className="actions comment__actions">
              {canReply ? (
                <details open={state?.key === `reply-${c.id}`}>
                  <summary>Reply</summary>
                  <CommentForm key={c.replies.length} formKey={`reply-${c.id}`} intent="reply" label={`Your reply to ${author.name}`} submit="Post reply" hidden={{ parentId: c.id }} state={state} />
                </details>
              ) : null}
              {c.canEdit ? (
                <details open={state?.key === `edit-${c.id}`}>
                  <summary>Edit</summary>
                  <CommentForm key={c.editedAt ?? "e"} formKey={`edit-${c.id}`} intent="edit-comment" label="Edit your comment" submit="Save comment" hidden={{ commentId: c.id }} state={state} defaultBody={c.bodyMd} />
                </details>
              ) : null}
              {c.canReport ? (
                <Link to={`/report?kind=comment&id=${c.id}`} className="muted">
                  Report
                </Link>
              ) : null}
              {c.canRemove ? (
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="intent" value="remove-comment" />
                  <input type="hidden" name="commentId" value={c.id} />
                  <button type="submit" className="link-button" aria-label={`Remove the comment by ${author.name}`}>
                    Remove
                  </button>
                </Form>
              ) : null}
            </div>
          </>
        )}
        {c.replies.length ? (
          <ol className="comment-replies">
            {c.replies.map((r) => (
              <CommentItem key={r.id} c={r} names={names} timeZone={timeZone} canReply={canReply} state={state} isReply />
            ))}
          </ol>
        ) : null}
      </article>
    </li>
  );
}

export function CommentThread({
  comments,
  names,
  timeZone,
  canComment,
  closedReason,
  state,
}: {
  comments: ThreadItem[];
  names: NameMap;
  timeZone: string;
  canComment: boolean;
  closedReason: string | null;
  state?: CommentFormState | null;
}) {
  const count = comments.reduce((n, c) => n + (c.removed ? 0 : 1) + c.replies.length, 0);
  return (
    <section aria-labelledby="comments-title" className="comments">
      <h2 id="comments-title">
        {count} {count === 1 ? "comment" : "comments"}
      </h2>
      {comments.length ? (
        <ol className="comment-list">
          {comments.map((c) => (
            <CommentItem key={c.id} c={c} names={names} timeZone={timeZone} canReply={canComment} state={state} isReply={false} />
          ))}
        </ol>
      ) : null}
      {canComment ? (
        <CommentForm key={count} formKey="new" intent="comment" label="Add a comment" submit="Post comment" state={state} />
      ) : closedReason ? (
        <p className="muted">{closedReason}</p>
      ) : null}
    </section>
  );
}
