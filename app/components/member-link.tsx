import { Link } from "@remix-run/react";

/** A member's name, linked to their profile; "Former member" (unlinked) once an account was erased. */
export function MemberLink({ member, className }: { member: { id: number; name: string; href?: string }; className?: string }) {
  if (!member.href) return <span className={className ?? "member-name member-name--former"}>{member.name}</span>;
  return (
    <Link to={member.href} className={className ?? "member-name"}>
      {member.name}
    </Link>
  );
}

/** A round avatar: the photo when the viewer may see it, otherwise the initials. */
export function Avatar({ name, photoUrl, size = "m" }: { name: string; photoUrl?: string; size?: "s" | "m" | "l" }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .slice(0, 2)
    .join("");
  return photoUrl ? (
    <img className={`avatar avatar--${size}`} src={photoUrl} alt="" width={size === "l" ? 160 : size === "m" ? 56 : 32} height={size === "l" ? 160 : size === "m" ? 56 : 32} />
  ) : (
    <span className={`avatar avatar--${size} avatar--initials`} aria-hidden="true">
      {initials || "?"}
    </span>
  );
}
