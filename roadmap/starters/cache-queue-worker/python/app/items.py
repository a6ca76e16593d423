"""Items and where they live: PostgreSQL for the service, memory for unit tests."""
import re
import uuid

from psycopg_pool import ConnectionPool

# Item ids are UUIDs; anything else can never be an item.
ID_PATTERN = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class MemoryItemStore:
    """For unit tests: the same contract, in memory."""

    def __init__(self):
        self.items = {}

    def create(self, name: str) -> dict:
        item = {"id": str(uuid.uuid4()), "name": name}
        self.items[item["id"]] = item
        return dict(item)

    def find(self, item_id: str):
        item = self.items.get(item_id)
        return dict(item) if item else None

    def ping(self) -> None:
        pass


class PgItemStore:
    """Items in PostgreSQL.

    `slow_query_ms` (SLOW_QUERY_MS) adds pg_sleep to the lookup on purpose: a stand-in for a query
    that is expensive at scale (big tables, joins, a busy database), so that a cache makes a visible
    difference on a small local table.
    """

    def __init__(self, url: str, slow_query_ms: float = 0):
        self.slow_query_ms = slow_query_ms
        self.pool = ConnectionPool(url, min_size=1, max_size=10, kwargs={"autocommit": True, "connect_timeout": 5},
                                   timeout=5, open=True)
        try:
            self.pool.wait(timeout=10)
            with self.pool.connection() as conn:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS items ("
                    " id uuid PRIMARY KEY DEFAULT gen_random_uuid(),"
                    " name text NOT NULL,"
                    " created_at timestamptz NOT NULL DEFAULT now())"
                )
        except Exception:
            self.pool.close()
            raise

    def create(self, name: str) -> dict:
        with self.pool.connection() as conn:
            row = conn.execute("INSERT INTO items (name) VALUES (%s) RETURNING id::text, name", (name,)).fetchone()
            return {"id": row[0], "name": row[1]}

    def find(self, item_id: str):
        with self.pool.connection() as conn:
            # The deliberately slow read (see SLOW_QUERY_MS in the README). pg_sleep in a subquery of
            # the WHERE clause runs once per lookup, before the row is looked for, so a lookup that
            # finds no item is slow too; joined into FROM it would not run when no row matches.
            row = conn.execute("SELECT id::text, name FROM items WHERE id = %s AND (SELECT pg_sleep(%s)) IS NOT NULL",
                               (item_id, self.slow_query_ms / 1000.0)).fetchone()
            return {"id": row[0], "name": row[1]} if row else None

    def ping(self) -> None:
        with self.pool.connection(timeout=2) as conn:
            conn.execute("SELECT 1")

    def close(self) -> None:
        self.pool.close()
