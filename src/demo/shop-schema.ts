/**
 * The demo `shop` database: customers, products, orders and order items, each
 * with updated_at, filled set-based (generate_series) with a few thousand rows.
 */
export const SHOP_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS customers (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  full_name text NOT NULL,
  country text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS products (
  id bigserial PRIMARY KEY,
  sku text NOT NULL UNIQUE,
  name text NOT NULL,
  category text NOT NULL,
  price numeric(10,2) NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers(id),
  status text NOT NULL,
  ordered_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS order_items (
  id bigserial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders(id),
  product_id bigint NOT NULL REFERENCES products(id),
  quantity int NOT NULL,
  unit_price numeric(10,2) NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS orders_updated_at ON orders (updated_at);
CREATE INDEX IF NOT EXISTS order_items_updated_at ON order_items (updated_at);
CREATE INDEX IF NOT EXISTS customers_updated_at ON customers (updated_at);
`;

export const SHOP_SEED_SQL = `
INSERT INTO customers (email, full_name, country, created_at, updated_at)
SELECT 'customer' || g || '@example.com', 'Customer ' || g, (ARRAY['NL','DE','FR','US','GB','ES'])[1 + g % 6],
       now() - (g || ' hours')::interval, now() - (g || ' hours')::interval
FROM generate_series(1, 1000) g;
INSERT INTO products (sku, name, category, price)
SELECT 'SKU-' || lpad(g::text, 4, '0'), 'Product ' || g, (ARRAY['books','garden','kitchen','toys'])[1 + g % 4], round((5 + (g * 7.31) % 95)::numeric, 2)
FROM generate_series(1, 200) g;
INSERT INTO orders (customer_id, status, ordered_at, updated_at)
SELECT 1 + (g * 7) % 1000, (ARRAY['placed','paid','shipped','delivered'])[1 + g % 4], now() - (g || ' minutes')::interval * 17, now() - (g || ' minutes')::interval * 17
FROM generate_series(1, 3000) g;
INSERT INTO order_items (order_id, product_id, quantity, unit_price)
SELECT o.id, 1 + (o.id * 13 + k) % 200, 1 + (o.id + k) % 3, p.price
FROM orders o CROSS JOIN generate_series(1, 2) k JOIN products p ON p.id = 1 + (o.id * 13 + k) % 200;
`;

/** A little life: a few new orders with items, a few customers updated. */
export const SHOP_MUTATE_SQL = `
WITH new_orders AS (
  INSERT INTO orders (customer_id, status, ordered_at)
  SELECT 1 + floor(random() * (SELECT count(*) FROM customers))::bigint, 'placed', now()
  FROM generate_series(1, 3 + floor(random() * 5)::int)
  RETURNING id
)
INSERT INTO order_items (order_id, product_id, quantity, unit_price)
SELECT n.id, p.id, 1 + floor(random() * 3)::int, p.price
FROM new_orders n CROSS JOIN LATERAL (SELECT id, price FROM products ORDER BY random() LIMIT 2) p;
UPDATE customers SET country = (ARRAY['NL','DE','FR','US','GB','ES'])[1 + floor(random() * 6)::int], updated_at = now()
WHERE id IN (SELECT id FROM customers ORDER BY random() LIMIT 3);
UPDATE orders SET status = 'paid', updated_at = now() WHERE id IN (SELECT id FROM orders WHERE status = 'placed' ORDER BY random() LIMIT 3);
`;
