"""Links and where they are kept: PostgreSQL for the service, memory for unit tests."""
import secrets
import string

import psycopg


# PostgreSQL could not be reached or dropped the connection: worth retrying later, unlike a bug in a query.
DatabaseUnavailable = psycopg.OperationalError

ALPHABET = string.digits + string.ascii_uppercase + string.ascii_lowercase


def new_code(length: int = 7) -> str:
    """A random base62 code: 62**7 is about 3.5e12, so collisions are rare and retried."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


class MemoryLinkStore:
    def __init__(self):
        self.links = {}

    def save(self, code: str, url: str) -> bool:
        if code in self.links:
            return False
        self.links[code] = url
        return True

    def find(self, code: str):
        return self.links.get(code)

    def ping(self) -> None:
        pass


class PgLinkStore:
    """Links in PostgreSQL; the primary key on code keeps codes unique.

    `slow_query_ms` (SLOW_QUERY_MS) adds pg_sleep to the lookup: a stand-in for a database that is
    slow because it is busy or big.
    """

    def __init__(self, url: str, slow_query_ms: float = 0):
        self.url = url
        self.slow_query_ms = slow_query_ms
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS links ("
                " code text PRIMARY KEY, url text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
            )

    def _connect(self):
        return psycopg.connect(self.url, autocommit=True, connect_timeout=5)

    def save(self, code: str, url: str) -> bool:
        with self._connect() as conn:
            cur = conn.execute("INSERT INTO links (code, url) VALUES (%s, %s) ON CONFLICT (code) DO NOTHING", (code, url))
            return cur.rowcount == 1

    def find(self, code: str):
        with self._connect() as conn:
            # The sleep is a subquery PostgreSQL runs before the lookup: an unknown code waits as long as a known one.
            row = conn.execute("SELECT url FROM links WHERE (SELECT pg_sleep(%s)) IS NOT NULL AND code = %s",
                               (self.slow_query_ms / 1000.0, code)).fetchone()
            return row[0] if row else None

    def ping(self) -> None:
        with self._connect() as conn:
            conn.execute("SELECT 1")
