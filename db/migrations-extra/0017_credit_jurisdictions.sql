-- Issue 17: a handful of real CLE jurisdictions and their own category names, as editable data (staff change them
-- at /admin/credits). Minutes per credit, the smallest step and whether partial attendance counts follow each
-- regulator's published rules. INSERT OR IGNORE: re-running never duplicates or overwrites staff edits.
INSERT OR IGNORE INTO credit_jurisdictions (code, name, minutes_per_credit, step_hundredths, allows_partial, position) VALUES
  ('NY', 'New York', 50, 50, 1, 1),
  ('CA', 'California', 60, 25, 1, 2),
  ('TX', 'Texas', 60, 25, 1, 3),
  ('IL', 'Illinois', 60, 25, 1, 4),
  ('PA', 'Pennsylvania', 60, 50, 0, 5),
  ('FL', 'Florida', 50, 50, 0, 6);
INSERT OR IGNORE INTO credit_categories (jurisdiction_id, name, position)
  SELECT j.id, c.name, c.position FROM credit_jurisdictions j JOIN (
    SELECT 'NY' AS code, 'Areas of Professional Practice' AS name, 1 AS position
    UNION ALL SELECT 'NY', 'Ethics and Professionalism', 2
    UNION ALL SELECT 'NY', 'Skills', 3
    UNION ALL SELECT 'NY', 'Law Practice Management', 4
    UNION ALL SELECT 'NY', 'Diversity, Inclusion and Elimination of Bias', 5
    UNION ALL SELECT 'NY', 'Cybersecurity, Privacy and Data Protection', 6
    UNION ALL SELECT 'CA', 'General', 1
    UNION ALL SELECT 'CA', 'Legal Ethics', 2
    UNION ALL SELECT 'CA', 'Competence Issues', 3
    UNION ALL SELECT 'CA', 'Elimination of Bias', 4
    UNION ALL SELECT 'CA', 'Technology in the Practice of Law', 5
    UNION ALL SELECT 'TX', 'General', 1
    UNION ALL SELECT 'TX', 'Ethics/Professional Responsibility', 2
    UNION ALL SELECT 'IL', 'General', 1
    UNION ALL SELECT 'IL', 'Professional Responsibility', 2
    UNION ALL SELECT 'PA', 'Substantive Law, Practice and Procedure', 1
    UNION ALL SELECT 'PA', 'Ethics, Professionalism and Substance Abuse', 2
    UNION ALL SELECT 'FL', 'General', 1
    UNION ALL SELECT 'FL', 'Ethics', 2
    UNION ALL SELECT 'FL', 'Technology', 3
  ) c ON c.code = j.code;
INSERT OR IGNORE INTO credit_provider (id, institute_name, signatory_name, signatory_title) VALUES
  (1, 'The Institute for Continuing Legal Education', 'Director of Education', 'Accredited CLE Provider');
-- What each jurisdiction requires per compliance period (hundredths of a credit), from the regulators' published rules
-- for experienced attorneys; staff edit them at /admin/credits.
INSERT OR IGNORE INTO credit_requirements (jurisdiction_id, total_hundredths, period_months, note)
  SELECT j.id, r.total, r.months, r.note FROM credit_jurisdictions j JOIN (
    SELECT 'NY' AS code, 2400 AS total, 24 AS months, 'Experienced attorneys, every two years (22 NYCRR 1500.22)' AS note
    UNION ALL SELECT 'CA', 2500, 36, 'Every three years (State Bar of California Rule 2.72)'
    UNION ALL SELECT 'TX', 1500, 12, 'Every MCLE year (State Bar of Texas MCLE Rules)'
    UNION ALL SELECT 'IL', 3000, 24, 'Every two-year reporting period (Ill. S. Ct. Rule 794)'
    UNION ALL SELECT 'PA', 1200, 12, 'Every compliance year (Pa. CLE Rule 105)'
    UNION ALL SELECT 'FL', 3300, 36, 'Every three-year reporting cycle (Rule 6-10.3)'
  ) r ON r.code = j.code;
INSERT OR IGNORE INTO credit_requirement_minimums (category_id, hundredths)
  SELECT c.id, m.hundredths FROM credit_categories c JOIN credit_jurisdictions j ON j.id = c.jurisdiction_id JOIN (
    SELECT 'NY' AS code, 'Ethics and Professionalism' AS name, 400 AS hundredths
    UNION ALL SELECT 'NY', 'Diversity, Inclusion and Elimination of Bias', 100
    UNION ALL SELECT 'NY', 'Cybersecurity, Privacy and Data Protection', 100
    UNION ALL SELECT 'CA', 'Legal Ethics', 600
    UNION ALL SELECT 'CA', 'Elimination of Bias', 200
    UNION ALL SELECT 'CA', 'Competence Issues', 100
    UNION ALL SELECT 'CA', 'Technology in the Practice of Law', 100
    UNION ALL SELECT 'TX', 'Ethics/Professional Responsibility', 300
    UNION ALL SELECT 'IL', 'Professional Responsibility', 600
    UNION ALL SELECT 'PA', 'Ethics, Professionalism and Substance Abuse', 200
    UNION ALL SELECT 'FL', 'Ethics', 500
    UNION ALL SELECT 'FL', 'Technology', 300
  ) m ON m.code = j.code AND m.name = c.name;
