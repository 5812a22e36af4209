// The micro-site frame. It checks access for its own data only: Remix runs nested loaders in parallel,
// so every child route calls requireSeminarRole itself.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { MentionCompletion } from "~/components/mention-completion";
import { SeminarNav } from "~/components/seminar-nav";
import { formatDateRange } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.seminar.title} · Colloquy` : "Colloquy" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, role, canManage, phase } = await requireSeminarRole(request, params.slug);
  return {
    seminar: {
      slug: seminar.slug,
      title: seminar.title,
      startsAt: seminar.startsAt.toISOString(),
      endsAt: seminar.endsAt.toISOString(),
      timeZone: seminar.timeZone,
    },
    role,
    canManage,
    phase,
  };
}

const PHASE_LABEL = { upcoming: "Upcoming", "in-progress": "In progress", alumni: "Alumni" } as const;

export default function SeminarLayout() {
  const { seminar, role, canManage, phase } = useLoaderData<typeof loader>();
  return (
    <div className="seminar">
      <header className="seminar-head">
        <p className="seminar-head__meta">
          <span className={`badge badge--${phase}`}>{PHASE_LABEL[phase]}</span>{" "}
          {role ? <span className="badge">{role === "instructor" ? "Instructor" : "Attendee"}</span> : <span className="badge">Staff view</span>}
        </p>
        <p className="seminar-head__title">{seminar.title}</p>
        <p className="muted">{formatDateRange(seminar.startsAt, seminar.endsAt, seminar.timeZone)}</p>
        <SeminarNav slug={seminar.slug} canManage={canManage} />
      </header>
      <Outlet />
      <MentionCompletion slug={seminar.slug} />
    </div>
  );
}
