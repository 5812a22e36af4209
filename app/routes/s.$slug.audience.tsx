// The audience brief: how a seminar's attendees spread over practice areas, jurisdictions and years in practice,
// drawn as server-rendered SVG with the numbers beside. Counts come from what profileFor lets the instructor see.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { BarChart } from "~/components/bar-chart";
import { IntakeSummary } from "~/components/intake-summary";
import { intakeSummary } from "~/models/intake.server";
import { attendees, audienceBrief } from "~/models/roster.server";

export const meta: MetaFunction = () => [{ title: "Audience brief · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  return {
    slug: seminar.slug,
    brief: audienceBrief(attendees({ seminarId: seminar.id, viewer: user })),
    // Issue #16: intake answers, for the seminar's instructors and staff only (the guard above).
    intake: intakeSummary({ seminarId: seminar.id }),
  };
}

const notShared = (n: number) => (n ? `${n} ${n === 1 ? "attendee has" : "attendees have"} not shared this with instructors.` : undefined);

export default function AudienceBrief() {
  const { slug, brief, intake } = useLoaderData<typeof loader>();
  const top = brief.practiceAreas[0];
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Audience brief</h1>
        <p className="muted">
          Who enrolled, to help you tailor the material. <Link to={`/s/${slug}/roster`}>Open the roster</Link>
        </p>
      </div>
      <section className="card brief-summary" aria-label="Summary">
        <dl className="stats">
          <div>
            <dt>Attendees</dt>
            <dd>{brief.total}</dd>
          </div>
          <div>
            <dt>Most common practice area</dt>
            <dd>{top ? `${top.label} (${top.count})` : "—"}</dd>
          </div>
          <div>
            <dt>Jurisdictions represented</dt>
            <dd>{brief.jurisdictions.length}</dd>
          </div>
          <div>
            <dt>Open to referrals</dt>
            <dd>{brief.openToReferrals}</dd>
          </div>
        </dl>
        <p className="muted">An attendee with several practice areas or admissions counts once in each; percentages are of all attendees.</p>
      </section>
      <div className="charts">
        <BarChart id="areas" title="Practice areas" bars={brief.practiceAreas} total={brief.total} note={notShared(brief.notShared.practiceAreas)} />
        <BarChart id="jurisdictions" title="Jurisdictions" bars={brief.jurisdictions} total={brief.total} note={notShared(brief.notShared.jurisdictions)} />
        <BarChart id="years" title="Years in practice" bars={brief.years} total={brief.total} note={notShared(brief.notShared.years)} />
      </div>
      <IntakeSummary slug={slug} items={intake} total={brief.total} />
    </div>
  );
}
