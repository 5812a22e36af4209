-- Issue #20: deleting a library document or a bookmark (directly or by cascade) removes its search entry.
DROP TRIGGER IF EXISTS library_documents_search_ad;
CREATE TRIGGER library_documents_search_ad AFTER DELETE ON library_documents BEGIN
  DELETE FROM search_documents WHERE kind = 'document' AND ref_id = old.id;
END;
DROP TRIGGER IF EXISTS bookmarks_search_ad;
CREATE TRIGGER bookmarks_search_ad AFTER DELETE ON bookmarks BEGIN
  DELETE FROM search_documents WHERE kind = 'bookmark' AND ref_id = old.id;
END;
