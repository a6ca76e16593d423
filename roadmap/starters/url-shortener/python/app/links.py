"""Links and where they are kept: PostgreSQL for the service, memory for unit tests."""
import secrets
import string

import psycopg

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
    """Links in PostgreSQL; the primary key on code keeps codes unique."""

    def __init__(self, url: str):
        self.url = url
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
            row = conn.execute("SELECT url FROM links WHERE code = %s", (code,)).fetchone()
            return row[0] if row else None

    def ping(self) -> None:
        with self._connect() as conn:
            conn.execute("SELECT 1")
