-- intarray counts the MinHash bands two claims share (icount(a & b)), so that a
-- similar-claims lookup scores only the candidates sharing the most bands. Its &&
-- operator shadows the built-in one for int[]: queries on "matchBands" name
-- OPERATOR(pg_catalog.&&) so that the GIN index keeps being used.
CREATE EXTENSION IF NOT EXISTS "intarray";
