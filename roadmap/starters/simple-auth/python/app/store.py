"""What the service keeps in PostgreSQL; memory for unit tests."""
import psycopg
from psycopg.rows import dict_row


class DatabaseError(Exception):
    """PostgreSQL failed or could not be reached: the server answers 503, the client may try again later."""


class MemoryStore:
    """For unit tests: the same methods, in memory."""

    def ping(self) -> None:
        pass


SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
"""
# The users table is ready for the registration milestone; add a sessions table for the login one.


class PgStore:
    # Registration milestone: add create_user(email, password_hash) (None when the email is taken)
    # and find_user_by_email(email). Login milestone: sessions (create, find the user of one, delete).

    def __init__(self, url: str):
        self.url = url
        self._query(SCHEMA)

    def _query(self, sql: str, params=(), fetch=None):
        """Every query goes through here, so any failure of PostgreSQL becomes a DatabaseError.
        fetch: None, "one" (a dict or None) or "all" (a list of dicts)."""
        try:
            with psycopg.connect(self.url, autocommit=True, connect_timeout=3, row_factory=dict_row) as conn:
                cur = conn.execute(sql, params)
                return cur.fetchone() if fetch == "one" else cur.fetchall() if fetch == "all" else None
        except psycopg.Error as exc:
            raise DatabaseError(f"database query failed: {exc}") from exc

    def ping(self) -> None:
        self._query("SELECT 1")
