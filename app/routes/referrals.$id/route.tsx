// Issue #18: one referral request and its private conversations. The requester sees one conversation per member
// who answered, answers each, and marks the request placed (with an optional thanks); a member sees only their own.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { notFound } from "~/auth/guards.server";
import { CareersItemHead, IntentButton, IntentForm, LabeledField, SelectField, type Errors } from "~/components/careers-fields";
import { RichText } from "~/components/rich-text";
import { markPlaced, referralForViewer, replyToReferral, withdrawReferral, type ReferralThread } from "~/models/referrals.server";
import { REFERRAL_STATUS_LABELS, URGENCY_LABELS } from "~/utils/careers";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { PlacedSchema, ReplySchema, requireCareersItem } from "../jobs._index/careers-forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.referral.title} · Referrals · Colloquy` : "Colloquy" }];

const load = (request: Request, rawId: string | undefined) => requireCareersItem(request, rawId, (viewer, id) => referralForViewer({ viewer, id }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await load(request, params.id)).view;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, view } = await load(request, params.id);
  const back = `/referrals/${view.referral.id}`;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "withdraw") {
    if (!view.isRequester) notFound();
    withdrawReferral({ viewer: user, referralId: view.referral.id });
    return redirectWithFlash(back, { kind: "success", message: "Your request is withdrawn." });
  }
  if (intent === "placed") {
    if (!view.isRequester) notFound();
    const submission = parseWithZod(formData, { schema: PlacedSchema });
    if (submission.status !== "success") return data({ form: "placed", result: submission.reply() }, { status: 400 });
    const r = markPlaced({ viewer: user, referralId: view.referral.id, ...submission.value });
    if (!r.ok) return data({ form: "placed", result: submission.reply({ formErrors: [r.error] }) }, { status: r.status });
    return redirectWithFlash(back, { kind: "success", message: "Marked as placed." });
  }
  const submission = parseWithZod(formData, { schema: ReplySchema });
  const form = `reply-${String(formData.get("memberId") ?? "me")}`;
  if (submission.status !== "success") return data({ form, result: submission.reply() }, { status: 400 });
  const r = replyToReferral({ viewer: user, referralId: view.referral.id, memberId: submission.value.memberId, body: submission.value.body });
  if (!r.ok) {
    if (r.status === 404) notFound();
    return data({ form, result: submission.reply({ formErrors: [r.error] }) }, { status: r.status });
  }
  return redirectWithFlash(back, { kind: "success", message: "Your message is sent privately." });
}

function Thread({ t, title }: { t: ReferralThread; title: string }) {
  return (
    <ol className="plain-list stack" aria-label={title}>
      {t.messages.map((m) => (
        <li key={m.id}>
          <strong>{m.mine ? "You" : m.authorName}</strong> <span className="muted">· {formatDate(m.createdAt)}</span>
          <p style={{ whiteSpace: "pre-wrap" }}>{m.body}</p>
        </li>
      ))}
    </ol>
  );
}

function ReplyForm({ memberId, label, errors, busy }: { memberId?: number; label: string; errors: Errors; busy: boolean }) {
  const id = `reply-${memberId ?? "me"}`;
  return (
    <IntentForm intent="reply" submitLabel="Send privately" errors={errors} busy={busy}>
      {memberId ? <input type="hidden" name="memberId" value={memberId} /> : null}
      <LabeledField id={id} label={label} error={errors.body}>
        {(a) => <textarea {...a} name="body" rows={4} maxLength={5000} />}
      </LabeledField>
    </IntentForm>
  );
}

export default function ReferralPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errorsFor = (form: string) => (actionData?.form === form ? ((actionData.result.error ?? {}) as Errors) : {});
  const r = d.referral;
  const own = d.threads[0];
  return (
    <div className="narrow-wide stack">
      <CareersItemHead back="/referrals" backLabel="Referral requests" title={r.title}>
        <p className="muted">
          {r.practiceArea} · {r.jurisdiction} · {URGENCY_LABELS[r.urgency]} · asked by{" "}
          {d.requester.href ? <Link to={d.requester.href}>{d.requester.name}</Link> : d.requester.name} on {formatDate(r.createdAt)} ·{" "}
          <strong>{REFERRAL_STATUS_LABELS[r.status]}</strong>
          {r.shareBeyondSeminars ? " · shared with the whole network" : " · shared within the requester's seminars"}
        </p>
        {d.moderation === "hidden" ? (
          <p className="flash flash--error moderation-notice">Hidden by the moderators: other members cannot see this request.</p>
        ) : null}
        {d.isRequester ? null : (
          <p>
            <Link to={`/report?kind=referral&id=${r.id}`} className="muted">
              Report this request
            </Link>
          </p>
        )}
      </CareersItemHead>
      {r.detailsHtml ? (
        <section className="card">
          <RichText html={r.detailsHtml} />
        </section>
      ) : null}
      {r.status === "placed" && d.placedWith ? (
        <section className="card stack" aria-labelledby="placed-title">
          <h2 id="placed-title">Placed</h2>
          <p>
            Placed with {d.placedWith.href ? <Link to={d.placedWith.href}>{d.placedWith.name}</Link> : d.placedWith.name}
            {r.placedAt ? ` on ${formatDate(r.placedAt)}` : ""}.
          </p>
          {r.thanks ? <blockquote>{r.thanks}</blockquote> : null}
        </section>
      ) : null}

      {d.isRequester ? (
        <>
          <section className="card stack" aria-labelledby="answers-title">
            <h2 id="answers-title">Private answers ({d.threads.length})</h2>
            {d.threads.length ? null : <p className="muted">No member has answered yet.</p>}
            {d.threads.map((t) => (
              <article key={t.member.id} className="stack" aria-label={`Conversation with ${t.member.name}`}>
                <h3>{t.member.href ? <Link to={t.member.href}>{t.member.name}</Link> : t.member.name}</h3>
                <Thread t={t} title={`Messages with ${t.member.name}`} />
                <ReplyForm memberId={t.member.id} label={`Answer ${t.member.name} privately`} errors={errorsFor(`reply-${t.member.id}`)} busy={busy} />
              </article>
            ))}
          </section>
          {r.status === "open" && d.threads.length ? (
            <section className="card stack" aria-labelledby="place-title">
              <h2 id="place-title">Mark as placed</h2>
              <IntentForm intent="placed" submitLabel="Mark as placed" errors={errorsFor("placed")} busy={busy}>
                <SelectField
                  id="placed-member"
                  label="Who took it"
                  name="memberId"
                  options={d.threads.map((t) => [String(t.member.id), t.member.name] as const)}
                  defaultValue=""
                  error={errorsFor("placed").memberId}
                />
                <LabeledField
                  id="placed-thanks"
                  label="Thanks (optional)"
                  hint="Shown on their profile to those they allow to see it."
                  error={errorsFor("placed").thanks}
                >
                  {(a) => <textarea {...a} name="thanks" rows={3} maxLength={1000} />}
                </LabeledField>
              </IntentForm>
            </section>
          ) : null}
          {r.status === "open" ? <IntentButton intent="withdraw">Withdraw the request</IntentButton> : null}
        </>
      ) : (
        <section className="card stack" aria-labelledby="my-answer-title">
          <h2 id="my-answer-title">Your private conversation with {d.requester.name}</h2>
          {d.routedToMe ? <p className="muted">This request was sent to you because you are open to referrals and match it.</p> : null}
          {own ? <Thread t={own} title={`Messages with ${d.requester.name}`} /> : null}
          {own || r.status === "open" ? (
            <ReplyForm label={own ? "Your message" : "Offer to help (only the requester sees this)"} errors={errorsFor("reply-me")} busy={busy} />
          ) : (
            <p className="muted">This request is no longer open.</p>
          )}
        </section>
      )}
    </div>
  );
}
