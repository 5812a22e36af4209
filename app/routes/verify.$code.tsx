// Issue #17: the public verification page a certificate's QR code leads to. It shows exactly what the certificate
// states (its frozen statement) and whether it was revoked or replaced, nothing else about the member. Codes carry
// about 79 bits and unknown codes count against the client address (like invitation tokens), so it cannot be walked.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { countUnknownToken, requireTokenAttemptAllowed } from "~/auth/token-throttle.server";
import { certificateByCode, displayCode, parseStatement } from "~/models/certificates.server";
import { normalizeCode } from "~/models/credit-attendance.server";
import { formatCredits } from "~/utils/credits";
import { dateTimeFormat } from "~/utils/intl";

export const meta: MetaFunction = () => [{ title: "Certificate verification · Colloquy" }, { name: "robots", content: "noindex" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const ip = context.clientIp ?? null;
  requireTokenAttemptAllowed(ip);
  const code = normalizeCode(params.code ?? "");
  const found = /^[A-Z0-9]{16}$/.test(code) ? certificateByCode(code) : null;
  if (!found) {
    countUnknownToken(ip);
    return data({ found: false as const }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  const { certificate: c, replacedBy } = found;
  const s = parseStatement(c);
  const day = (d: Date | string) => dateTimeFormat("en-US", { dateStyle: "long", timeZone: s.seminar.timeZone }).format(new Date(d));
  return data(
    {
      found: true as const,
      code: displayCode(c.code),
      status: c.status,
      revokedOn: c.revokedAt ? day(c.revokedAt) : null,
      replacedBy,
      issuedOn: day(c.issuedAt),
      member: s.member,
      barNumbers: s.barNumbers,
      seminar: s.seminar.title,
      dates: day(s.seminar.startsAt) === day(s.seminar.endsAt) ? day(s.seminar.startsAt) : `${day(s.seminar.startsAt)} – ${day(s.seminar.endsAt)}`,
      sessions: s.sessions.map((x) => ({
        title: x.title,
        date: day(x.startsAt),
        minutes: x.minutes,
        credits: x.credits.map((k) => `${k.jurisdiction}: ${formatCredits(k.credits)} ${k.category}${k.courseNumber ? ` (course ${k.courseNumber})` : ""}`),
      })),
      totals: s.totals.map((t) => ({ ...t, credits: formatCredits(t.credits) })),
      institute: s.institute,
      signatory: s.signatory,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Verify() {
  const d = useLoaderData<typeof loader>();
  if (!d.found) {
    return (
      <div className="narrow stack">
        <h1>No certificate has this code</h1>
        <p>
          Check the code printed on the certificate and <Link to="/verify">try again</Link>.
        </p>
      </div>
    );
  }
  return (
    <div className="narrow stack certificate-verification">
      <h1>Certificate of attendance</h1>
      {d.status === "valid" ? (
        <p className="flash flash--success" role="status">
          Valid: issued by {d.institute} on {d.issuedOn}.
        </p>
      ) : d.status === "revoked" ? (
        <p className="flash flash--error" role="status">
          Revoked on {d.revokedOn}. This certificate is no longer valid.
        </p>
      ) : (
        <p className="flash flash--error" role="status">
          Replaced: this certificate was corrected and reissued
          {d.replacedBy ? (
            <>
              {" "}
              as <Link to={`/verify/${d.replacedBy}`}>{d.replacedBy.replace(/(.{4})(?=.)/g, "$1-")}</Link>
            </>
          ) : null}
          . It is no longer valid.
        </p>
      )}
      <dl className="certificate-facts">
        <dt>Verification code</dt>
        <dd>
          <code>{d.code}</code>
        </dd>
        <dt>Attendee</dt>
        <dd>{d.member}</dd>
        {d.barNumbers.map((b) => (
          <div key={b.jurisdiction + b.number}>
            <dt>{b.jurisdiction} bar number</dt>
            <dd>{b.number}</dd>
          </div>
        ))}
        <dt>Seminar</dt>
        <dd>{d.seminar}</dd>
        <dt>Dates</dt>
        <dd>{d.dates}</dd>
        <dt>Provider</dt>
        <dd>
          {d.institute}
          {d.signatory.name ? ` · signed by ${d.signatory.name}${d.signatory.title ? `, ${d.signatory.title}` : ""}` : ""}
        </dd>
      </dl>
      <h2>Sessions</h2>
      <ul>
        {d.sessions.map((s) => (
          <li key={s.title + s.date}>
            {s.title} — {s.date} ({s.minutes} minutes attended)
            <ul>
              {s.credits.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <h2>Credits earned</h2>
      <ul className="certificate-totals">
        {d.totals.map((t) => (
          <li key={t.jurisdiction + t.category}>
            {t.jurisdiction} — {t.category}: {t.credits}
          </li>
        ))}
      </ul>
    </div>
  );
}
