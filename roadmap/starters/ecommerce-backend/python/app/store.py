"""Products and where they are kept: PostgreSQL for the service, memory for unit tests.

Money is always a whole number of cents (12.50 is 1250), so sums never pick up rounding errors.
Catalog milestone: carts and their items go here; orders milestone: the checkout (one
transaction); payments milestone: payments and idempotency keys.
"""
import uuid

import psycopg
from psycopg.rows import dict_row

# Ids are text (random UUIDs), so any id in a URL is a plain lookup.
SCHEMA = """
CREATE TABLE IF NOT EXISTS products (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  name text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  stock integer NOT NULL CHECK (stock >= 0),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
"""


def product_json(row) -> dict:
    return {"id": row["id"], "name": row["name"], "priceCents": row["price_cents"], "stock": row["stock"]}


class MemoryStore:
    """For unit tests: the same contract, in memory."""

    def __init__(self):
        self.products = {}

    def ping(self) -> None:
        pass

    def create_product(self, name: str, price_cents: int, stock: int) -> dict:
        product = {"id": str(uuid.uuid4()), "name": name, "priceCents": price_cents, "stock": stock}
        self.products[product["id"]] = product
        return product

    def list_products(self) -> list:
        return list(self.products.values())

    def find_product(self, product_id: str):
        return self.products.get(product_id)


class PgStore:
    """Products in PostgreSQL; a connection per call, so a lost database fails one request, not the server."""

    def __init__(self, url: str):
        self.url = url
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(SCHEMA)

    def _connect(self):
        # A database that stops answering fails a request within seconds (503) instead of hanging it.
        return psycopg.connect(self.url, autocommit=True, connect_timeout=2, row_factory=dict_row,
                               options="-c statement_timeout=5000")

    def ping(self) -> None:
        with self._connect() as conn:
            conn.execute("SELECT 1")

    def create_product(self, name: str, price_cents: int, stock: int) -> dict:
        with self._connect() as conn:
            row = conn.execute("INSERT INTO products (name, price_cents, stock) VALUES (%s, %s, %s) RETURNING *",
                               (name, price_cents, stock)).fetchone()
            return product_json(row)

    def list_products(self) -> list:
        with self._connect() as conn:
            return [product_json(r) for r in conn.execute("SELECT * FROM products ORDER BY created_at, id")]

    def find_product(self, product_id: str):
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM products WHERE id = %s", (product_id,)).fetchone()
            return product_json(row) if row else None
