// vCard 3.0 text built ONLY from a VisibleProfile (what profileFor returned for the viewer).
import type { VisibleProfile } from "~/models/profile.server";
import { foldLine } from "~/utils/text-formats";

/** RFC 6350 §3.4 escaping for text values. */
export function vEscape(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\r\n|\r|\n/g, "\\n").replace(/([,;])/g, "\\$1");
}


export function vcardFor(p: VisibleProfile, origin: string): { body: string; fileName: string } {
  const parts = p.name.trim().split(/\s+/);
  const family = parts.length > 1 ? parts.pop()! : parts[0]!;
  const given = parts.length ? parts.join(" ") : "";
  const lines = ["BEGIN:VCARD", "VERSION:3.0", `FN:${vEscape(p.name)}`, `N:${vEscape(family)};${vEscape(given)};;;`];
  if (p.addressAs) lines.push(`NICKNAME:${vEscape(p.addressAs)}`);
  if (p.firm) lines.push(`ORG:${vEscape(p.firm)}`);
  if (p.jobTitle) lines.push(`TITLE:${vEscape(p.jobTitle)}`);
  if (p.email) lines.push(`EMAIL;TYPE=INTERNET${p.preferredContact === "email" ? ",PREF" : ""}:${vEscape(p.email)}`);
  if (p.phone) lines.push(`TEL;TYPE=WORK,VOICE${p.preferredContact === "phone" ? ",PREF" : ""}:${vEscape(p.phone)}`);
  if (p.city || p.country) lines.push(`ADR;TYPE=WORK:;;;${vEscape(p.city ?? "")};;;${vEscape(p.country ?? "")}`);
  if (p.links?.firmUrl) lines.push(`URL;TYPE=WORK:${vEscape(p.links.firmUrl)}`);
  if (p.links?.linkedinUrl) lines.push(`URL:${vEscape(p.links.linkedinUrl)}`);
  if (p.links?.websiteUrl) lines.push(`URL;TYPE=HOME:${vEscape(p.links.websiteUrl)}`);
  lines.push(`URL:${vEscape(`${origin}/people/${p.id}`)}`);
  const note = [p.headline, p.practiceAreas?.length ? `Practice areas: ${p.practiceAreas.join(", ")}` : "", p.bioText ?? ""]
    .filter(Boolean)
    .join("\n\n")
    .slice(0, 2000);
  if (note) lines.push(`NOTE:${vEscape(note)}`);
  if (p.practiceAreas?.length) lines.push(`CATEGORIES:${p.practiceAreas.map(vEscape).join(",")}`);
  lines.push("END:VCARD");
  const fileName = `${p.name.replace(/[^\p{L}\p{N} .-]+/gu, "").trim().replace(/\s+/g, "-") || "contact"}.vcf`;
  return { body: lines.map(foldLine).join("\r\n") + "\r\n", fileName };
}
