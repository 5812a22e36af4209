// Issue #20: browsing the library: the filter query, the filtered list (words through the one full-text index),
// the filter choices in use, and the newest documents for feeds and digests.
import { and, desc, eq, gt, gte, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { libraryDocumentAreas, libraryDocuments } from "../../db/schema";
import { LIBRARY_KINDS, type LibraryKind } from "~/utils/library";
import { db } from "./db.server";
import { toMatchExpression } from "./search.server";

export const LibraryQuerySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  kind: z.enum(LIBRARY_KINDS).optional().catch(undefined),
  jurisdiction: z.string().trim().max(100).catch(""),
  area: z.string().trim().max(60).catch(""),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
export type LibraryQuery = z.infer<typeof LibraryQuerySchema>;

export function parseLibraryQuery(url: URL): LibraryQuery {
  const p = url.searchParams;
  return LibraryQuerySchema.parse({
    q: p.get("q") ?? "",
    kind: p.get("kind") || undefined,
    jurisdiction: p.get("jurisdiction") ?? "",
    area: p.get("area") ?? "",
    from: p.get("from") || undefined,
    to: p.get("to") || undefined,
    page: p.get("page") ?? 1,
  });
}

const PAGE_SIZE = 25;
/** The most full-text matches a library search looks at (newest first), like the site search's window. */
const MATCH_WINDOW = 2000;

export interface LibraryListItem {
  id: number;
  title: string;
  kind: LibraryKind;
  jurisdiction: string;
  dated: string;
  citation: string;
  currentVersion: number;
  updatedAt: Date;
}

/** The columns every list of documents shows (the library, a seminar's featured documents, feeds). */
export const DOCUMENT_LIST_COLUMNS = {
  id: libraryDocuments.id,
  title: libraryDocuments.title,
  kind: libraryDocuments.kind,
  jurisdiction: libraryDocuments.jurisdiction,
  citation: libraryDocuments.citation,
  currentVersion: libraryDocuments.currentVersion,
  updatedAt: libraryDocuments.updatedAt,
};

/** Documents matching `where`, recently added or updated first. */
function selectDocuments(where: SQL[], limit: number, offset = 0) {
  return db()
    .select({ ...DOCUMENT_LIST_COLUMNS, dated: libraryDocuments.dated, description: libraryDocuments.description, createdAt: libraryDocuments.createdAt })
    .from(libraryDocuments)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(libraryDocuments.updatedAt), desc(libraryDocuments.id))
    .limit(limit)
    .offset(offset)
    .all();
}

/** Kind, jurisdiction and practice area, shared by the list, the feeds and the digests. */
function filterClauses({ kind, jurisdiction, area }: { kind?: LibraryKind; jurisdiction?: string; area?: string }): SQL[] {
  const where: SQL[] = [];
  if (kind) where.push(eq(libraryDocuments.kind, kind));
  if (jurisdiction) where.push(eq(libraryDocuments.jurisdiction, jurisdiction));
  if (area) {
    where.push(
      sql`${libraryDocuments.id} IN (SELECT ${libraryDocumentAreas.documentId} FROM ${libraryDocumentAreas} WHERE ${libraryDocumentAreas.area} = ${area} COLLATE NOCASE)`,
    );
  }
  return where;
}

/** Browse and filter; `q` searches titles, descriptions and extracted text through the one full-text index. */
export function listDocuments(query: LibraryQuery): { documents: LibraryListItem[]; hasNext: boolean } {
  const where = filterClauses(query);
  if (query.from) where.push(gte(libraryDocuments.dated, query.from));
  if (query.to) where.push(lte(libraryDocuments.dated, query.to));
  if (query.q) {
    const expr = toMatchExpression(query.q);
    if (!expr) return { documents: [], hasNext: false };
    where.push(
      sql`${libraryDocuments.id} IN (SELECT d.ref_id FROM (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ${`scope : n AND {title body} : (${expr})`} ORDER BY rowid DESC LIMIT ${MATCH_WINDOW}) m JOIN search_documents d ON d.id = m.id WHERE d.kind = 'document')`,
    );
  }
  const rows = selectDocuments(where, PAGE_SIZE + 1, (query.page - 1) * PAGE_SIZE);
  return { documents: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

/** Filter choices that exist (jurisdictions and practice areas in use). */
export function libraryFacets(): { jurisdictions: string[]; areas: string[] } {
  const jurisdictions = db()
    .selectDistinct({ j: libraryDocuments.jurisdiction })
    .from(libraryDocuments)
    .where(sql`${libraryDocuments.jurisdiction} <> ''`)
    .orderBy(libraryDocuments.jurisdiction)
    .limit(200)
    .all()
    .map((r) => r.j);
  const areas = db()
    .selectDistinct({ a: libraryDocumentAreas.area })
    .from(libraryDocumentAreas)
    .orderBy(libraryDocumentAreas.area)
    .limit(200)
    .all()
    .map((r) => r.a);
  return { jurisdictions, areas };
}


/** Documents added or given a new version since `since` (newest first), for feeds and digests. */
export function recentDocuments({
  since,
  kind,
  area,
  jurisdiction,
  limit = 40,
}: {
  since?: Date;
  kind?: LibraryKind;
  area?: string;
  jurisdiction?: string;
  limit?: number;
}) {
  const where = filterClauses({ kind, jurisdiction, area });
  if (since) where.push(gt(libraryDocuments.updatedAt, since));
  return selectDocuments(where, limit);
}
