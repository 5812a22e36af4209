-- Member directory search (issue #4). See app/models/directory.server.ts.
--
-- directory_fts_v1 holds ONLY what every member may see: a field enters the index only while its owner has set it to
-- "everyone in the network" (vis_* = 'network'). Phone numbers, emails and bar numbers are never indexed. Triggers on
-- users, profiles and profile_areas keep it right whichever feature writes. Every member has a profiles row (created
-- by the users insert trigger) holding sort_key ("lastname full name", a trailing "(Ret.)" ignored) and active (users.status = 'active'), so
-- directory queries read profiles alone.
CREATE VIRTUAL TABLE IF NOT EXISTS directory_fts_v1 USING fts5(name, org, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER IF NOT EXISTS directory_users_ai AFTER INSERT ON users BEGIN
  INSERT OR IGNORE INTO profiles(user_id, active, sort_key) VALUES (new.id, new.status = 'active', lower(replace((CASE WHEN instr(new.name, '(') > 1 THEN rtrim(substr(new.name, 1, instr(new.name, '(') - 1)) ELSE new.name END), rtrim((CASE WHEN instr(new.name, '(') > 1 THEN rtrim(substr(new.name, 1, instr(new.name, '(') - 1)) ELSE new.name END), replace((CASE WHEN instr(new.name, '(') > 1 THEN rtrim(substr(new.name, 1, instr(new.name, '(') - 1)) ELSE new.name END), ' ', '')), '') || ' ' || new.name));
  DELETE FROM directory_fts_v1 WHERE rowid = new.id;
  INSERT INTO directory_fts_v1(rowid, name, org, body)
    SELECT u.id, u.name,
      CASE WHEN p.vis_firm = 'network' THEN p.firm ELSE '' END || ' ' ||
      CASE WHEN p.vis_job_title = 'network' THEN p.job_title ELSE '' END || ' ' ||
      CASE WHEN p.vis_headline = 'network' THEN p.headline ELSE '' END,
      CASE WHEN p.vis_bio = 'network' THEN p.bio_md ELSE '' END || ' ' ||
      CASE WHEN p.vis_location = 'network' THEN p.city || ' ' || p.country ELSE '' END || ' ' ||
      CASE WHEN p.vis_practice_areas = 'network'
        THEN coalesce((SELECT group_concat(a.value, ' ') FROM profile_areas a WHERE a.user_id = u.id AND a.kind = 'tag'), '')
        ELSE '' END
    FROM users u JOIN profiles p ON p.user_id = u.id
    WHERE u.id = new.id AND u.status = 'active';
END;
CREATE TRIGGER IF NOT EXISTS directory_users_au AFTER UPDATE OF name, status ON users BEGIN
  UPDATE profiles SET active = (new.status = 'active'), sort_key = lower(replace((CASE WHEN instr(new.name, '(') > 1 THEN rtrim(substr(new.name, 1, instr(new.name, '(') - 1)) ELSE new.name END), rtrim((CASE WHEN instr(new.name, '(') > 1 THEN rtrim(substr(new.name, 1, instr(new.name, '(') - 1)) ELSE new.name END), replace((CASE WHEN instr(new.name, '(') > 1 THEN rtrim(substr(new.name, 1, instr(new.name, '(') - 1)) ELSE new.name END), ' ', '')), '') || ' ' || new.name) WHERE user_id = new.id;
  DELETE FROM directory_fts_v1 WHERE rowid = new.id;
  INSERT INTO directory_fts_v1(rowid, name, org, body)
    SELECT u.id, u.name,
      CASE WHEN p.vis_firm = 'network' THEN p.firm ELSE '' END || ' ' ||
      CASE WHEN p.vis_job_title = 'network' THEN p.job_title ELSE '' END || ' ' ||
      CASE WHEN p.vis_headline = 'network' THEN p.headline ELSE '' END,
      CASE WHEN p.vis_bio = 'network' THEN p.bio_md ELSE '' END || ' ' ||
      CASE WHEN p.vis_location = 'network' THEN p.city || ' ' || p.country ELSE '' END || ' ' ||
      CASE WHEN p.vis_practice_areas = 'network'
        THEN coalesce((SELECT group_concat(a.value, ' ') FROM profile_areas a WHERE a.user_id = u.id AND a.kind = 'tag'), '')
        ELSE '' END
    FROM users u JOIN profiles p ON p.user_id = u.id
    WHERE u.id = new.id AND u.status = 'active';
END;
CREATE TRIGGER IF NOT EXISTS directory_users_ad AFTER DELETE ON users BEGIN
  DELETE FROM directory_fts_v1 WHERE rowid = old.id;
END;
CREATE TRIGGER IF NOT EXISTS directory_profiles_ai AFTER INSERT ON profiles BEGIN
  DELETE FROM directory_fts_v1 WHERE rowid = new.user_id;
  INSERT INTO directory_fts_v1(rowid, name, org, body)
    SELECT u.id, u.name,
      CASE WHEN p.vis_firm = 'network' THEN p.firm ELSE '' END || ' ' ||
      CASE WHEN p.vis_job_title = 'network' THEN p.job_title ELSE '' END || ' ' ||
      CASE WHEN p.vis_headline = 'network' THEN p.headline ELSE '' END,
      CASE WHEN p.vis_bio = 'network' THEN p.bio_md ELSE '' END || ' ' ||
      CASE WHEN p.vis_location = 'network' THEN p.city || ' ' || p.country ELSE '' END || ' ' ||
      CASE WHEN p.vis_practice_areas = 'network'
        THEN coalesce((SELECT group_concat(a.value, ' ') FROM profile_areas a WHERE a.user_id = u.id AND a.kind = 'tag'), '')
        ELSE '' END
    FROM users u JOIN profiles p ON p.user_id = u.id
    WHERE u.id = new.user_id AND u.status = 'active';
END;
CREATE TRIGGER IF NOT EXISTS directory_profiles_au
AFTER UPDATE OF firm, job_title, headline, bio_md, city, country, vis_firm, vis_job_title, vis_headline, vis_bio, vis_location,
  vis_practice_areas ON profiles BEGIN
  DELETE FROM directory_fts_v1 WHERE rowid = new.user_id;
  INSERT INTO directory_fts_v1(rowid, name, org, body)
    SELECT u.id, u.name,
      CASE WHEN p.vis_firm = 'network' THEN p.firm ELSE '' END || ' ' ||
      CASE WHEN p.vis_job_title = 'network' THEN p.job_title ELSE '' END || ' ' ||
      CASE WHEN p.vis_headline = 'network' THEN p.headline ELSE '' END,
      CASE WHEN p.vis_bio = 'network' THEN p.bio_md ELSE '' END || ' ' ||
      CASE WHEN p.vis_location = 'network' THEN p.city || ' ' || p.country ELSE '' END || ' ' ||
      CASE WHEN p.vis_practice_areas = 'network'
        THEN coalesce((SELECT group_concat(a.value, ' ') FROM profile_areas a WHERE a.user_id = u.id AND a.kind = 'tag'), '')
        ELSE '' END
    FROM users u JOIN profiles p ON p.user_id = u.id
    WHERE u.id = new.user_id AND u.status = 'active';
END;
CREATE TRIGGER IF NOT EXISTS directory_profiles_ad AFTER DELETE ON profiles BEGIN
  DELETE FROM directory_fts_v1 WHERE rowid = old.user_id;
END;
CREATE TRIGGER IF NOT EXISTS directory_areas_ai AFTER INSERT ON profile_areas WHEN new.kind = 'tag' BEGIN
  DELETE FROM directory_fts_v1 WHERE rowid = new.user_id;
  INSERT INTO directory_fts_v1(rowid, name, org, body)
    SELECT u.id, u.name,
      CASE WHEN p.vis_firm = 'network' THEN p.firm ELSE '' END || ' ' ||
      CASE WHEN p.vis_job_title = 'network' THEN p.job_title ELSE '' END || ' ' ||
      CASE WHEN p.vis_headline = 'network' THEN p.headline ELSE '' END,
      CASE WHEN p.vis_bio = 'network' THEN p.bio_md ELSE '' END || ' ' ||
      CASE WHEN p.vis_location = 'network' THEN p.city || ' ' || p.country ELSE '' END || ' ' ||
      CASE WHEN p.vis_practice_areas = 'network'
        THEN coalesce((SELECT group_concat(a.value, ' ') FROM profile_areas a WHERE a.user_id = u.id AND a.kind = 'tag'), '')
        ELSE '' END
    FROM users u JOIN profiles p ON p.user_id = u.id
    WHERE u.id = new.user_id AND u.status = 'active';
END;
CREATE TRIGGER IF NOT EXISTS directory_areas_ad AFTER DELETE ON profile_areas WHEN old.kind = 'tag' BEGIN
  DELETE FROM directory_fts_v1 WHERE rowid = old.user_id;
  INSERT INTO directory_fts_v1(rowid, name, org, body)
    SELECT u.id, u.name,
      CASE WHEN p.vis_firm = 'network' THEN p.firm ELSE '' END || ' ' ||
      CASE WHEN p.vis_job_title = 'network' THEN p.job_title ELSE '' END || ' ' ||
      CASE WHEN p.vis_headline = 'network' THEN p.headline ELSE '' END,
      CASE WHEN p.vis_bio = 'network' THEN p.bio_md ELSE '' END || ' ' ||
      CASE WHEN p.vis_location = 'network' THEN p.city || ' ' || p.country ELSE '' END || ' ' ||
      CASE WHEN p.vis_practice_areas = 'network'
        THEN coalesce((SELECT group_concat(a.value, ' ') FROM profile_areas a WHERE a.user_id = u.id AND a.kind = 'tag'), '')
        ELSE '' END
    FROM users u JOIN profiles p ON p.user_id = u.id
    WHERE u.id = old.user_id AND u.status = 'active';
END;

-- Backfill (idempotent, touching only rows that need it): members created before these triggers existed.
INSERT OR IGNORE INTO profiles(user_id, sort_key, active)
  SELECT id, lower(replace((CASE WHEN instr(name, '(') > 1 THEN rtrim(substr(name, 1, instr(name, '(') - 1)) ELSE name END), rtrim((CASE WHEN instr(name, '(') > 1 THEN rtrim(substr(name, 1, instr(name, '(') - 1)) ELSE name END), replace((CASE WHEN instr(name, '(') > 1 THEN rtrim(substr(name, 1, instr(name, '(') - 1)) ELSE name END), ' ', '')), '') || ' ' || name), status = 'active' FROM users;
INSERT INTO directory_fts_v1(rowid, name, org, body)
  SELECT u.id, u.name,
    CASE WHEN p.vis_firm = 'network' THEN p.firm ELSE '' END || ' ' ||
    CASE WHEN p.vis_job_title = 'network' THEN p.job_title ELSE '' END || ' ' ||
    CASE WHEN p.vis_headline = 'network' THEN p.headline ELSE '' END,
    CASE WHEN p.vis_bio = 'network' THEN p.bio_md ELSE '' END || ' ' ||
    CASE WHEN p.vis_location = 'network' THEN p.city || ' ' || p.country ELSE '' END || ' ' ||
    CASE WHEN p.vis_practice_areas = 'network'
      THEN coalesce((SELECT group_concat(a.value, ' ') FROM profile_areas a WHERE a.user_id = u.id AND a.kind = 'tag'), '')
      ELSE '' END
  FROM users u JOIN profiles p ON p.user_id = u.id
  WHERE u.status = 'active' AND u.id NOT IN (SELECT rowid FROM directory_fts_v1);

-- Directory filters at 100,000 members (issue #9): two covering indexes, so the directory reads the fields it filters
-- on and their visibility without visiting the (wide) profile rows. By member, for counting the members found through
-- a practice area or jurisdiction; in name order, for walking to one page when many members match.
-- (Building them takes well under a second at 100,000 members.)
CREATE INDEX IF NOT EXISTS profiles_directory_member_idx ON profiles(user_id, in_directory, active, vis_practice_areas,
  vis_jurisdictions, vis_years_in_practice, years_in_practice, vis_open_to_referrals, open_to_referrals, sort_key);
CREATE INDEX IF NOT EXISTS profiles_directory_order_idx ON profiles(in_directory, active, sort_key, user_id,
  vis_practice_areas, vis_jurisdictions, vis_years_in_practice, years_in_practice, vis_open_to_referrals, open_to_referrals);
