CREATE TABLE ${schema}.people (first_name text, qty integer, qty2 bigint, _import_id bigint);
INSERT INTO ${schema}.people VALUES ('Old', 1, 2, NULL);
