-- Scalar helpers every model may use. They run before the models, on both engines.
-- Trimmed text, NULL when empty.
CREATE OR REPLACE MACRO nz(x) AS nullif(trim(x), '');
-- Spark's initcap: first letter of each space-separated word upper case, the rest lower case.
CREATE OR REPLACE MACRO initcap(x) AS
  CASE WHEN x IS NULL THEN NULL ELSE
    array_to_string(list_transform(string_split(lower(trim(x)), ' '), w -> upper(left(w, 1)) || substr(w, 2)), ' ')
  END;
CREATE OR REPLACE MACRO to_ts(x) AS try_cast(nz(x) AS TIMESTAMP);
CREATE OR REPLACE MACRO to_money(x) AS try_cast(nz(x) AS DECIMAL(18, 2));
CREATE OR REPLACE MACRO to_num(x) AS try_cast(nz(x) AS DOUBLE);
-- Whole numbers only ('2' or '2.0'); '1.5' does not round to 2.
CREATE OR REPLACE MACRO to_int(x) AS
  CASE WHEN regexp_full_match(nz(x), '-?[0-9]+(\.0+)?') THEN try_cast(nz(x) AS DOUBLE)::BIGINT END;
-- A non-empty value that does not parse.
CREATE OR REPLACE MACRO bad_ts(x) AS nz(x) IS NOT NULL AND to_ts(x) IS NULL;
CREATE OR REPLACE MACRO bad_num(x) AS nz(x) IS NOT NULL AND to_num(x) IS NULL;
CREATE OR REPLACE MACRO bad_int(x) AS nz(x) IS NOT NULL AND to_int(x) IS NULL;
-- snake_case category key shared by every source format: ' Home & Garden ' -> 'home_garden'.
CREATE OR REPLACE MACRO category_key(x) AS
  nullif(trim(regexp_replace(lower(trim(x)), '[^a-z0-9]+', '_', 'g'), '_'), '');
CREATE OR REPLACE MACRO is_email(x) AS regexp_full_match(lower(trim(x)), '[^@\s]+@[^@\s]+\.[^@\s]+');
