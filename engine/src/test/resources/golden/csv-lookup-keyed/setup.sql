CREATE TABLE ${schema}.customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, name text);
INSERT INTO ${schema}.customers (id, email, name) VALUES (10, 'ada@example.com', 'Ada'), (20, 'bob@example.com', 'Bob');
SELECT setval(pg_get_serial_sequence('${schema}.customers', 'id'), 100);
CREATE TABLE ${schema}.purchases (order_no integer PRIMARY KEY, customer_id bigint, amount numeric(10,2), _import_id bigint);
INSERT INTO ${schema}.purchases VALUES (1, 20, 0.50, NULL), (7, 20, 9.99, NULL);
