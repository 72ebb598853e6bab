-- A CSV cell of an export that PostgreSQL encodes itself (lib/data/export-sql.ts), before
-- COPY … (FORMAT csv) quotes it: a text a spreadsheet would run as a formula (= + - @, tab
-- or carriage return first) gets a leading apostrophe (OWASP), as csvField in
-- lib/domain/export/csv.ts does; an empty text becomes NULL, which COPY writes as an empty,
-- unquoted cell (it would quote an empty string), as csvField does. One SQL expression, so
-- that the planner inlines it into the export query.
CREATE FUNCTION claimdesk_csv_cell(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN left(value, 1) IN ('=', '+', '-', '@', E'\t', E'\r') THEN '''' || value
              ELSE nullif(value, '') END
$$;
