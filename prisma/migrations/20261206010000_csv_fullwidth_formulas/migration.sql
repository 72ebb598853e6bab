-- A CSV cell that starts with a full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) is
-- neutralised like one that starts with = + - @: spreadsheets in East Asian locales read
-- them as their ASCII forms. The same rule as lib/domain/export/csv.ts (neutraliseFormula).
CREATE OR REPLACE FUNCTION claimdesk_csv_cell(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN left(value, 1) IN ('=', '+', '-', '@', E'\t', E'\r',
                                      U&'\FF1D', U&'\FF0B', U&'\FF0D', U&'\FF20') THEN '''' || value
              ELSE nullif(value, '') END
$$;
