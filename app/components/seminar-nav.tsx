import { NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * The micro-site's sections. A feature adds its entry here when its pages exist (issues #4–#8).
 * `instructorsOnly` entries show only to those who can manage the seminar.
 */
export const SEMINAR_SECTIONS: { to: string; label: string; end?: boolean; instructorsOnly?: boolean }[] = [
  { to: "", label: "Home", end: true },
  { to: "schedule", label: "Schedule" },
  { to: "materials", label: "Materials" },
  { to: "wiki", label: "Wiki" },
  { to: "blog", label: "Blog" },
  { to: "questions", label: "Questions" },
  { to: "news", label: "News" },
  { to: "search", label: "Search" },
  { to: "survey", label: "Survey" },
  { to: "members", label: "Members" },
  { to: "attendance", label: "Attendance" },
  { to: "credits", label: "CLE credits", instructorsOnly: true },
  { to: "roster", label: "Roster", instructorsOnly: true },
  { to: "audience", label: "Audience brief", instructorsOnly: true },
  { to: "enrolment", label: "Enrolment", instructorsOnly: true },
  { to: "manage", label: "Manage", instructorsOnly: true },
  { to: "invite", label: "Invite", instructorsOnly: true },
];

export function SeminarNav({ slug, canManage }: { slug: string; canManage: boolean }) {
  // On a phone the sections form one scrollable line (CSS); keep the current one in view after each navigation.
  const list = useRef<HTMLUListElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    const ul = list.current;
    const active = ul?.querySelector<HTMLElement>("a.active");
    if (!ul || !active || ul.scrollWidth <= ul.clientWidth) return;
    const left = active.offsetLeft - ul.offsetLeft;
    if (left < ul.scrollLeft || left + active.offsetWidth > ul.scrollLeft + ul.clientWidth) ul.scrollLeft = left - 16;
  }, [pathname]);
  return (
    <nav aria-label="Seminar sections" className="seminar-nav">
      <ul ref={list}>
        {SEMINAR_SECTIONS.filter((s) => canManage || !s.instructorsOnly).map((s) => (
          <li key={s.to}>
            <NavLink to={s.to ? `/s/${slug}/${s.to}` : `/s/${slug}`} end={s.end} prefetch="intent">
              {s.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
