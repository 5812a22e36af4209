-- Issue #21: delivered and permanently failed mail keeps only what the admin mail log needs (recipient, subject,
-- kind, status, times). Bodies held invitation and password-reset links, i.e. live tokens, in the database and in
-- every backup. New deliveries drop the body themselves (app/models/outbox.server.ts); this clears older rows.
-- Idempotent: a second run finds nothing to change.
UPDATE outbox SET text = '', html = NULL WHERE status IN ('sent', 'failed') AND (text <> '' OR html IS NOT NULL);
