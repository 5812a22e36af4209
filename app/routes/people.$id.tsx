// A member's profile page: exactly what profileFor lets this viewer see, plus the seminars they share.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { PersonCard, ProfileDetails } from "~/components/profile-view";
import { ModerationNotice } from "~/components/moderation-notice";
import { profileFor, type Relation } from "~/models/profile.server";
import { acceptedAnswersByArea } from "~/models/question-lists.server";
import { peopleInMySeminars, sharedSeminars } from "~/models/roster.server";
import { referralThanksFor } from "~/models/referrals.server";
import { communityStandingFor } from "~/models/community-standing.server";
import { CommunityStanding } from "~/components/community-standing";
import { formatDate } from "~/utils/dates";
import { hasBlocked, mayMessage } from "~/models/message-settings.server";
import { moderatedRefs, passesModeration } from "~/models/moderation-state.server";
import { attributionFor } from "~/models/member-invitations.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.profile.name} · Colloquy` : "Colloquy" }];

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const PreviewSchema = z.enum(["member", "classmate", "instructor"]).optional().catch(undefined);

const PREVIEW_LABEL = { member: "any member", classmate: "people in your seminars", instructor: "your instructors" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const id = IdSchema.safeParse(params.id);
  if (!id.success) notFound();
  const isSelf = id.data === viewer.id;
  // Members can preview their own profile as others see it.
  const preview = isSelf ? PreviewSchema.parse(new URL(request.url).searchParams.get("as") ?? undefined) : undefined;
  const profile = profileFor(viewer, id.data, preview ? { relation: preview as Relation, ignoreDirectoryOptOut: true } : {});
  if (!profile || profile.former) notFound();
  // Issue #15: a profile the moderators hid is seen only by its owner (told so) and staff; a removed one by nobody.
  const moderation = moderatedRefs([{ kind: "profile", id: id.data }]).get(`profile:${id.data}`);
  if (!passesModeration(viewer, moderation)) notFound();
  return {
    moderation: moderation?.state ?? null,
    canMessage: !isSelf && mayMessage(viewer, id.data),
    blocked: !isSelf && hasBlocked({ userId: viewer.id, otherId: id.data }),
    profile,
    isSelf,
    preview: preview ?? null,
    previewLabel: preview ? PREVIEW_LABEL[preview] : null,
    shared: isSelf ? [] : sharedSeminars({ viewerId: viewer.id, memberId: id.data }),
    circle: isSelf && !preview ? peopleInMySeminars({ viewer, limit: 12 }) : null,
    // Issue #18: shown only when profileFor says this viewer may see them (the member's choice).
    thanks: profile.showsReferralThanks ? referralThanksFor({ memberId: id.data }) : [],
    // Issue #14: accepted answers per practice area, shown to those the member lets see their practice areas.
    accepted: profile.practiceAreas ? acceptedAnswersByArea({ userId: id.data }) : [],
    // Issue #19: who invited this member (referral attribution), for staff only.
    attribution: viewer.role === "admin" && !preview ? attributionFor({ userId: id.data }) : null,
    // Issue #18: the member's standing, under their own visibility choice; each item counted passes canSee.
    standing: profile.showsStanding ? communityStandingFor({ viewer, memberId: id.data }) : null,
  };
}

const SOURCE_LABELS = { staff: "staff invitation", instructor: "instructor invitation", member: "member invitation", link: "invite link" } as const;

export default function PersonPage() {
  const { profile, isSelf, preview, previewLabel, shared, circle, thanks, accepted, moderation, canMessage, blocked, attribution, standing } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      {isSelf ? (
        <div className="card self-bar">
          {preview ? (
            <p>
              <strong>Preview:</strong> this is your profile as {previewLabel} see it. <Link to={`/people/${profile.id}`}>Back to your profile</Link>
            </p>
          ) : (
            <p>This is your profile as you see it, with everything you have filled in.</p>
          )}
          <p className="actions">
            <Link to="/profile/edit" className="button">
              Edit profile
            </Link>
            <Link to="/profile/settings" className="button button--secondary">
              Privacy and notifications
            </Link>
            <Link to="/profile/skills" className="button button--secondary">
              Services and skills
            </Link>
            <span className="muted">
              Preview as: <Link to="?as=member">any member</Link> · <Link to="?as=classmate">people in your seminars</Link> ·{" "}
              <Link to="?as=instructor">your instructors</Link>
            </span>
          </p>
        </div>
      ) : null}
      {profile.deactivated ? <p className="flash">This account is deactivated.</p> : null}
      {attribution ? (
        <p className="muted" id="attribution">
          {attribution.inviterName ? `Invited by ${attribution.inviterName}` : "Invited"} ({SOURCE_LABELS[attribution.source]}, {formatDate(attribution.acceptedAt)})
          <span className="visually-hidden"> (shown to staff only)</span>
        </p>
      ) : null}
      {moderation === "hidden" ? (
        <ModerationNotice what="profile" />
      ) : null}
      {!isSelf ? (
        <div className="actions">
          {canMessage ? (
            <Link to={`/messages/new?to=${profile.id}`} className="button">
              Send a message
            </Link>
          ) : null}
          <Form method="post" action="/messages/settings" className="inline-form">
            <input type="hidden" name="userId" value={profile.id} />
            <input type="hidden" name="redirectTo" value={`/people/${profile.id}`} />
            <button type="submit" name="intent" value={blocked ? "unblock" : "block"} className="button--secondary">
              {blocked ? `Unblock ${profile.name}` : `Block ${profile.name}`}
            </button>
          </Form>
          <Link to={`/report?kind=profile&id=${profile.id}`} className="muted">
            Report this profile
          </Link>
        </div>
      ) : null}
      <ProfileDetails p={profile} noContact={isSelf && !preview ? undefined : <NoContact name={profile.name} shared={shared} />} />
      {standing ? <CommunityStanding s={standing} name={profile.name} /> : null}
      {thanks.length ? (
        <section aria-labelledby="thanks-title" className="stack">
          <h2 id="thanks-title">Thanks for referrals</h2>
          <ul className="plain-list stack">
            {thanks.map((t, i) => (
              <li key={i}>
                <blockquote>{t.thanks}</blockquote>
                <p className="muted">
                  {t.from.href ? <Link to={t.from.href}>{t.from.name}</Link> : t.from.name} · {t.practiceArea}, {t.jurisdiction} · {formatDate(t.placedAt)}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href={`/people/${profile.id}.vcf`} className="button button--secondary" download>
          Download contact card (vCard)
        </a>
      </p>
      {accepted.length ? (
        <section aria-labelledby="accepted-title">
          <h2 id="accepted-title">Accepted answers</h2>
          <ul className="plain-list">
            {accepted.map((a) => (
              <li key={a.area}>
                {`${a.area}: ${a.n}`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {shared.length ? (
        <section aria-labelledby="shared-title">
          <h2 id="shared-title">Seminars you share</h2>
          <ul>
            {shared.map((s) => (
              <li key={s.slug}>
                <Link to={`/s/${s.slug}/members`}>{s.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {circle && circle.people.length ? (
        <section aria-labelledby="circle-title" className="stack">
          <h2 id="circle-title">People you share seminars with</h2>
          <div className="grid">
            {circle.people.map((p) => (
              <PersonCard key={p.id} p={p} />
            ))}
          </div>
          {circle.total > circle.people.length ? (
            <p>
              <Link to="/people?scope=mine">See all {circle.total} people from your seminars</Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** How to reach someone who shows no email or phone to this viewer (besides a message). */
function NoContact({ name, shared }: { name: string; shared: { slug: string; title: string; theyTeach: boolean }[] }) {
  const taught = shared.find((s) => s.theyTeach);
  const any = taught ?? shared[0];
  return (
    <>
      <p>{name} has not made an email address or phone number visible to you.</p>
      {any ? (
        <p>
          {taught ? `${name} teaches ${taught.title}: ` : `You are both in ${any.title}: `}
          ask at a session, or comment on a post in the <Link to={`/s/${any.slug}/blog`}>seminar blog</Link>.
        </p>
      ) : (
        <p className="muted">You can send them a message, if they accept messages from you.</p>
      )}
    </>
  );
}
