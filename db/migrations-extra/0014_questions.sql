-- Issue #14: deleting a question or an answer (directly, by cascade from its seminar or its question) removes its
-- search document; the FTS row goes with the document (search_documents_ad in 0001_search.sql).
DROP TRIGGER IF EXISTS questions_search_ad;
CREATE TRIGGER questions_search_ad AFTER DELETE ON questions BEGIN
  DELETE FROM search_documents WHERE kind = 'question' AND ref_id = old.id;
END;
DROP TRIGGER IF EXISTS answers_search_ad;
CREATE TRIGGER answers_search_ad AFTER DELETE ON answers BEGIN
  DELETE FROM search_documents WHERE kind = 'answer' AND ref_id = old.id;
END;
