"""Posts and where they are kept: PostgreSQL for the service, memory for unit tests."""
from datetime import datetime, timezone

import psycopg


class MemoryPostStore:
    """The same contract as PgPostStore, in memory."""

    def __init__(self):
        self.posts = []

    def create(self, title: str, body: str) -> dict:
        post = {"id": len(self.posts) + 1, "title": title, "body": body,
                "createdAt": datetime.now(timezone.utc).isoformat()}
        self.posts.append(post)
        return post

    def find(self, post_id: int):
        return next((p for p in self.posts if p["id"] == post_id), None)

    def ping(self) -> None:
        pass


def _post(row) -> dict:
    return {"id": row[0], "title": row[1], "body": row[2], "createdAt": row[3].isoformat()}


class PgPostStore:
    """Posts in PostgreSQL; the table is created on start when it is missing.

    Milestone "posts": update, delete and a page of the newest posts go here.
    Milestone "comments": a comments table (post_id references posts) and its queries.
    Milestone "search": a full-text query over title and body.
    """

    def __init__(self, url: str):
        self.url = url
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS posts ("
                " id bigserial PRIMARY KEY, title text NOT NULL, body text NOT NULL,"
                " created_at timestamptz NOT NULL DEFAULT now())"
            )

    def _connect(self):
        # A short connect timeout: a database that is down answers 503 at once instead of a hang.
        return psycopg.connect(self.url, autocommit=True, connect_timeout=2)

    def create(self, title: str, body: str) -> dict:
        with self._connect() as conn:
            row = conn.execute("INSERT INTO posts (title, body) VALUES (%s, %s) RETURNING id, title, body, created_at",
                               (title, body)).fetchone()
            return _post(row)

    def find(self, post_id: int):
        with self._connect() as conn:
            row = conn.execute("SELECT id, title, body, created_at FROM posts WHERE id = %s", (post_id,)).fetchone()
            return _post(row) if row else None

    def ping(self) -> None:
        with self._connect() as conn:
            conn.execute("SELECT 1")
