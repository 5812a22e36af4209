import type { VisibleProfile } from "~/models/profile.server";
import { PersonCard } from "./profile-view";

export function VisibleProfileList({ people, badges }: { people: VisibleProfile[]; badges?: Record<number, string> }) {
  return (
    <ul className="grid person-grid" aria-label="Members">
      {people.map((p) => (
        <li key={p.id}>
          <PersonCard p={p} badge={badges?.[p.id]} />
        </li>
      ))}
    </ul>
  );
}
