// Presenting what profileFor returned. Absent fields are simply not rendered: the data never held them.
import { Link } from "@remix-run/react";
import type { VisibleProfile } from "~/models/profile.server";
import { Avatar } from "./member-link";
import { RichText } from "./rich-text";

const STATUS_LABEL: Record<string, string> = { active: "Active", inactive: "Inactive", retired: "Retired", pending: "Pending" };
const CONTACT_LABEL = { email: "Email", phone: "Phone", either: "Email or phone" } as const;

export function roleLine(p: Pick<VisibleProfile, "jobTitle" | "firm">): string {
  return [p.jobTitle, p.firm].filter(Boolean).join(", ");
}

export function placeLine(p: Pick<VisibleProfile, "city" | "country">): string {
  return [p.city, p.country].filter(Boolean).join(", ");
}

/** A compact card for lists (directory, seminar members). */
export function PersonCard({ p, badge }: { p: VisibleProfile; badge?: string }) {
  return (
    <article className="card person-card">
      <Avatar name={p.name} photoUrl={p.photoUrl} />
      <div className="person-card__body">
        <h3 className="person-card__name">
          <Link to={`/people/${p.id}`}>{p.name}</Link>
          {badge ? <span className="badge">{badge}</span> : null}
        </h3>
        {p.headline ? <p className="person-card__headline">{p.headline}</p> : null}
        {roleLine(p) ? <p className="muted">{roleLine(p)}</p> : null}
        {placeLine(p) ? <p className="muted">{placeLine(p)}</p> : null}
        {p.practiceAreas?.length ? (
          <ul className="chips" aria-label="Practice areas">
            {p.practiceAreas.slice(0, 4).map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        ) : null}
        {p.openToReferrals ? <p className="badge badge--success">Open to referrals</p> : null}
      </div>
    </article>
  );
}

/** `noContact` replaces the Contact card when the viewer may see no way to reach the member (issue #22). */
export function ProfileDetails({ p, noContact }: { p: VisibleProfile; noContact?: React.ReactNode }) {
  return (
    <div className="profile">
      <header className="profile__head">
        <Avatar name={p.name} photoUrl={p.photoUrl} size="l" />
        <div>
          <h1>{p.name}</h1>
          {p.addressAs ? <p className="muted">Addressed as {p.addressAs}</p> : null}
          {p.headline ? <p className="profile__headline">{p.headline}</p> : null}
          {roleLine(p) ? <p>{roleLine(p)}</p> : null}
          {placeLine(p) ? <p className="muted">{placeLine(p)}</p> : null}
          <p>
            {p.openToReferrals ? <span className="badge badge--success">Open to referrals</span> : null}{" "}
            {p.openToOpportunities ? <span className="badge">Open to new opportunities</span> : null}
          </p>
        </div>
      </header>
      <div className="profile__grid">
        <div className="stack">
          {p.bioHtml ? (
            <section aria-labelledby="bio-title">
              <h2 id="bio-title">About</h2>
              <RichText html={p.bioHtml} />
            </section>
          ) : null}
          {p.practiceAreas?.length || p.tags?.length || p.yearsInPractice !== undefined ? (
            <section aria-labelledby="practice-title">
              <h2 id="practice-title">Practice</h2>
              {p.yearsInPractice !== undefined ? (
                <p>
                  {p.yearsInPractice} {p.yearsInPractice === 1 ? "year" : "years"} in practice
                </p>
              ) : null}
              {p.practiceAreas?.length ? (
                <ul className="chips" aria-label="Practice areas">
                  {p.practiceAreas.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              ) : null}
              {p.tags?.length ? (
                <ul className="chips chips--tags" aria-label="Tags">
                  {p.tags.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              ) : null}
            </section>
          ) : null}
          {p.services ? (
            <section aria-labelledby="services-title">
              <h2 id="services-title">Services and skills</h2>
              <dl>
                {p.services.availability ? (
                  <>
                    <dt>Availability</dt>
                    <dd>{p.services.availability}</dd>
                  </>
                ) : null}
                {p.services.languages ? (
                  <>
                    <dt>Languages</dt>
                    <dd>{p.services.languages}</dd>
                  </>
                ) : null}
                {p.services.industries ? (
                  <>
                    <dt>Industries</dt>
                    <dd>{p.services.industries}</dd>
                  </>
                ) : null}
                {p.services.notableMatters ? (
                  <>
                    <dt>Notable matters</dt>
                    <dd style={{ whiteSpace: "pre-wrap" }}>{p.services.notableMatters}</dd>
                  </>
                ) : null}
              </dl>
            </section>
          ) : null}
          {p.jurisdictions?.length ? (
            <section aria-labelledby="jur-title">
              <h2 id="jur-title">Bar admissions</h2>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Jurisdiction</th>
                      <th scope="col">Admitted</th>
                      <th scope="col">Status</th>
                      {p.jurisdictions.some((j) => j.barNumber) ? <th scope="col">Bar number</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {p.jurisdictions.map((j, i) => (
                      <tr key={i}>
                        <td>{j.jurisdiction}</td>
                        <td>{j.yearAdmitted ?? "—"}</td>
                        <td>{STATUS_LABEL[j.status] ?? j.status}</td>
                        {p.jurisdictions!.some((x) => x.barNumber) ? <td>{j.barNumber ?? "—"}</td> : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
        </div>
        <aside className="stack" aria-label="Contact and links">
          {p.email || p.phone || p.preferredContact ? (
            <section className="card" aria-labelledby="contact-title">
              <h2 id="contact-title">Contact</h2>
              <dl className="facts">
                {p.email ? (
                  <>
                    <dt>Email</dt>
                    <dd>
                      <a href={`mailto:${p.email}`}>{p.email}</a>
                    </dd>
                  </>
                ) : null}
                {p.phone ? (
                  <>
                    <dt>Phone</dt>
                    <dd>
                      <a href={`tel:${p.phone.replace(/[^+0-9]/g, "")}`}>{p.phone}</a>
                    </dd>
                  </>
                ) : null}
                {p.preferredContact ? (
                  <>
                    <dt>Prefers</dt>
                    <dd>{CONTACT_LABEL[p.preferredContact]}</dd>
                  </>
                ) : null}
              </dl>
            </section>
          ) : noContact ? (
            <section className="card" aria-labelledby="contact-title">
              <h2 id="contact-title">Contact</h2>
              {noContact}
            </section>
          ) : null}
          {p.links ? (
            <section className="card" aria-labelledby="links-title">
              <h2 id="links-title">Links</h2>
              <ul className="plain-list">
                {p.links.firmUrl ? (
                  <li>
                    <a href={p.links.firmUrl} rel="noopener noreferrer nofollow" target="_blank">
                      Firm page
                    </a>
                  </li>
                ) : null}
                {p.links.linkedinUrl ? (
                  <li>
                    <a href={p.links.linkedinUrl} rel="noopener noreferrer nofollow" target="_blank">
                      LinkedIn
                    </a>
                  </li>
                ) : null}
                {p.links.websiteUrl ? (
                  <li>
                    <a href={p.links.websiteUrl} rel="noopener noreferrer nofollow" target="_blank">
                      Personal site
                    </a>
                  </li>
                ) : null}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
