// Issue #18: "Standing in the community" on a profile (accepted answers, seminars, referrals).
import { Link } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";

interface Seminar {
  title: string;
  href: string;
}

export interface StandingData {
  acceptedAnswers: number;
  taught: Seminar[];
  attended: Seminar[];
  referralsTaken: number;
  referralsPlaced: number;
}

const SHOWN = 12;

function SeminarList({ list }: { list: Seminar[] }) {
  return (
    <>
      {`${list.length}: `}
      {list.slice(0, SHOWN).map((s, i) => (
        <span key={s.href}>
          {i ? ", " : ""}
          <Link to={s.href}>{s.title}</Link>
        </span>
      ))}
      {list.length > SHOWN ? ` and ${list.length - SHOWN} more` : ""}
    </>
  );
}

export function CommunityStanding({ s, name }: { s: StandingData; name: string }) {
  const rows: [string, ReactNode][] = [];
  if (s.acceptedAnswers) rows.push(["Accepted answers", s.acceptedAnswers]);
  if (s.taught.length) rows.push(["Seminars taught", <SeminarList key="t" list={s.taught} />]);
  if (s.attended.length) rows.push(["Seminars attended", <SeminarList key="a" list={s.attended} />]);
  if (s.referralsTaken) rows.push(["Referrals taken from colleagues", s.referralsTaken]);
  if (s.referralsPlaced) rows.push(["Referrals placed with colleagues", s.referralsPlaced]);
  if (!rows.length) return null;
  return (
    <section aria-labelledby="standing-title" className="card stack">
      <h2 id="standing-title">{`${name} in the community`}</h2>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
