-- Full-text search (issue #6). drizzle-kit cannot declare FTS5 virtual tables or triggers, so they live here and
-- migrateDatabase() applies every file in this folder after drizzle's migrations, on every start. Each statement must
-- be idempotent: the table is created once; triggers are dropped and re-created so a changed definition takes effect.
--
-- search_fts.rowid = search_documents.id. Columns:
--   scope  tokens that say who may find the row: "s<seminarId>" (all members) or "i<seminarId>" (instructors only);
--          every query is ANDed with the viewer's scope tokens, so filtering happens inside the index.
--   title, body  plain text (rendered HTML reduced to text), ranked with bm25 (title weighs more).
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
  scope, title, body,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Removing a document (directly or through a cascade from its seminar) removes its index row.
DROP TRIGGER IF EXISTS search_documents_ad;
CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
  DELETE FROM search_fts WHERE rowid = old.id;
END;

-- Deleting what a document points at removes the document, whatever deleted it (cascades included).
DROP TRIGGER IF EXISTS wiki_pages_search_ad;
CREATE TRIGGER wiki_pages_search_ad AFTER DELETE ON wiki_pages BEGIN
  DELETE FROM search_documents WHERE kind = 'wiki' AND ref_id = old.id;
END;
DROP TRIGGER IF EXISTS blog_posts_search_ad;
CREATE TRIGGER blog_posts_search_ad AFTER DELETE ON blog_posts BEGIN
  DELETE FROM search_documents WHERE kind = 'post' AND ref_id = old.id;
END;
DROP TRIGGER IF EXISTS comments_search_ad;
CREATE TRIGGER comments_search_ad AFTER DELETE ON comments BEGIN
  DELETE FROM search_documents WHERE kind = 'comment' AND ref_id = old.id;
END;

-- Course materials (issue #5 owns the table): titles and descriptions are indexed here, so every way of writing a
-- material keeps the index right without the materials code having to remember.
DROP TRIGGER IF EXISTS materials_search_ai;
CREATE TRIGGER materials_search_ai AFTER INSERT ON materials BEGIN
  INSERT INTO search_documents (kind, ref_id, seminar_id, audience, title, path, updated_at)
    VALUES ('material', new.id, new.seminar_id, 'members', new.title, 'materials/' || new.id, new.updated_at);
  INSERT INTO search_fts (rowid, scope, title, body)
    SELECT id, 's' || new.seminar_id, new.title, new.description FROM search_documents
    WHERE kind = 'material' AND ref_id = new.id;
END;
DROP TRIGGER IF EXISTS materials_search_au;
CREATE TRIGGER materials_search_au AFTER UPDATE OF title, description, seminar_id ON materials BEGIN
  DELETE FROM search_documents WHERE kind = 'material' AND ref_id = old.id;
  INSERT INTO search_documents (kind, ref_id, seminar_id, audience, title, path, updated_at)
    VALUES ('material', new.id, new.seminar_id, 'members', new.title, 'materials/' || new.id, new.updated_at);
  INSERT INTO search_fts (rowid, scope, title, body)
    SELECT id, 's' || new.seminar_id, new.title, new.description FROM search_documents
    WHERE kind = 'material' AND ref_id = new.id;
END;
DROP TRIGGER IF EXISTS materials_search_ad;
CREATE TRIGGER materials_search_ad AFTER DELETE ON materials BEGIN
  DELETE FROM search_documents WHERE kind = 'material' AND ref_id = old.id;
END;
