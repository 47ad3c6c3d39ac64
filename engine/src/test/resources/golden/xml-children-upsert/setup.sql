CREATE TABLE ${schema}.carts (cart_id integer PRIMARY KEY, customer text, _import_id bigint);
INSERT INTO ${schema}.carts VALUES (1, 'Ada', NULL), (2, 'Bob', NULL);
CREATE TABLE ${schema}.cart_items (
  cart_id integer NOT NULL, _position integer NOT NULL, sku text, qty integer, _import_id bigint);
INSERT INTO ${schema}.cart_items VALUES
  (1, 1, 'A-1', 2, NULL), (1, 2, 'B-2', 1, NULL), (1, 3, 'X-9', 1, NULL), (2, 1, 'C-3', 7, NULL);
