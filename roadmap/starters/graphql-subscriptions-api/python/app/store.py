"""Where authors live: PostgreSQL, or memory for the unit tests. The schema only talks to a store."""
import re
from dataclasses import dataclass

from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool


class DatabaseUnavailable(Exception):
    """A database that failed (down, restarting): the server answers 503, never a GraphQL error."""


@dataclass
class AuthorRow:
    id: str
    name: str


def row_id(raw: str):
    """An id from a query: digits only and within PostgreSQL's bigint, else no row can have it."""
    return int(raw) if re.fullmatch(r"\d{1,15}", raw) else None


class MemoryStore:
    """For unit tests: the same contract, in memory."""

    def __init__(self):
        self.authors: list[AuthorRow] = []

    async def create_author(self, name: str) -> AuthorRow:
        author = AuthorRow(str(len(self.authors) + 1), name)
        self.authors.append(author)
        return author

    async def find_author(self, id: str):
        return next((a for a in self.authors if a.id == id), None)

    async def ping(self) -> None:
        pass


class PgStore:
    """Authors in PostgreSQL; the tables are created on start when they are missing."""

    def __init__(self, url: str):
        # A short timeout: a database that is down answers 503 at once instead of a hang.
        self.pool = AsyncConnectionPool(url, min_size=1, max_size=10, timeout=2, open=False,
                                        kwargs={"autocommit": True, "row_factory": dict_row, "connect_timeout": 2})

    async def open(self) -> None:
        await self.pool.open(wait=True, timeout=10)
        await self.query("CREATE TABLE IF NOT EXISTS authors (id bigserial PRIMARY KEY, name text NOT NULL)")
        # Milestone "schema": a posts table (author_id references authors) goes here.

    async def query(self, sql: str, params=()) -> list[dict]:
        """Every query goes through here, so a database failure becomes DatabaseUnavailable (503)."""
        try:
            async with self.pool.connection() as conn:
                cur = await conn.execute(sql, params)
                return await cur.fetchall() if cur.description else []
        except Exception as err:  # noqa: BLE001 - any failure here is the database's
            raise DatabaseUnavailable(repr(err)) from err

    async def create_author(self, name: str) -> AuthorRow:
        rows = await self.query("INSERT INTO authors (name) VALUES (%s) RETURNING id::text AS id, name", (name,))
        return AuthorRow(**rows[0])

    async def find_author(self, id: str):
        if row_id(id) is None:
            return None
        rows = await self.query("SELECT id::text AS id, name FROM authors WHERE id = %s", (row_id(id),))
        return AuthorRow(**rows[0]) if rows else None

    # Milestone "schema": create_post, find_post, posts_of(author_id), newest_posts(first).
    # Milestone "n-plus-one": authors_by_ids(ids) in one query (WHERE id = ANY(%s)).

    async def ping(self) -> None:
        await self.query("SELECT 1")

    async def close(self) -> None:
        await self.pool.close()
