export type NameMap = Record<number, { id: number; name: string; href?: string }>;

/** The member to show for an author id; "Former member" when the account is gone. */
export function nameOf(map: NameMap, id: number | null | undefined): { id: number; name: string; href?: string } {
  return (id != null && map[id]) || { id: 0, name: "Former member" };
}
