-- Issue #18: deleting a job posting or a referral request (directly or by cascade) removes its search document; the
-- FTS row goes with the document (search_documents_ad in 0001_search.sql).
DROP TRIGGER IF EXISTS job_postings_search_ad;
CREATE TRIGGER job_postings_search_ad AFTER DELETE ON job_postings BEGIN
  DELETE FROM search_documents WHERE kind = 'job' AND ref_id = old.id;
END;
DROP TRIGGER IF EXISTS referrals_search_ad;
CREATE TRIGGER referrals_search_ad AFTER DELETE ON referrals BEGIN
  DELETE FROM search_documents WHERE kind = 'referral' AND ref_id = old.id;
END;
