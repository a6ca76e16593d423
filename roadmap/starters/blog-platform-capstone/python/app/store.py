"""Users, posts and comments, and where they live: PostgreSQL for the service, memory for unit tests."""
from psycopg_pool import ConnectionPool

PAGE_SIZE = 20


class MemoryStore:
    """For unit tests: the same contract, in memory."""

    def __init__(self):
        self.posts = []

    def list_posts(self) -> list:
        """The 20 newest posts, newest first: the home page."""
        return sorted(self.posts, key=lambda p: p["id"], reverse=True)[:PAGE_SIZE]

    def ping(self) -> None:
        pass

    # Milestone "features": users (create_user, find_user), posts (create_post, find_post,
    # update_post, delete_post) and comments (add_comment, list_comments), here and in PgStore.


POST_COLUMNS = ("p.id, p.title, p.body, u.username AS author,"
                " to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS created_at")

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL
);
CREATE TABLE IF NOT EXISTS posts (
  id bigserial PRIMARY KEY,
  author_id bigint NOT NULL REFERENCES users(id),
  title text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS comments (
  id bigserial PRIMARY KEY,
  post_id bigint NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  author_id bigint NOT NULL REFERENCES users(id),
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)
"""


def post_row(row) -> dict:
    return {"id": row[0], "title": row[1], "body": row[2], "author": row[3], "createdAt": row[4]}


class PgStore:
    """PostgreSQL. The tables are made at start.

    `slow_query_ms` (SLOW_QUERY_MS) adds pg_sleep to the home page's query on purpose: a stand-in
    for a list that is expensive at scale, so that a cache (milestone "performance") makes a
    visible difference on a small local table.
    """

    def __init__(self, url: str, slow_query_ms: float = 0):
        self.slow_query_ms = slow_query_ms
        self.pool = ConnectionPool(url, min_size=1, max_size=10, kwargs={"autocommit": True, "connect_timeout": 5},
                                   timeout=5, open=True)
        try:
            self.pool.wait(timeout=10)
            with self.pool.connection() as conn:
                conn.execute(SCHEMA)
        except Exception:
            self.pool.close()
            raise

    def list_posts(self) -> list:
        with self.pool.connection() as conn:
            # The deliberately slow read (SLOW_QUERY_MS, see the README): pg_sleep runs once per query.
            rows = conn.execute(
                f"SELECT {POST_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id"
                " WHERE (SELECT pg_sleep(%s)) IS NOT NULL ORDER BY p.id DESC LIMIT %s",
                (self.slow_query_ms / 1000.0, PAGE_SIZE)).fetchall()
            return [post_row(r) for r in rows]

    def ping(self) -> None:
        with self.pool.connection(timeout=2) as conn:
            conn.execute("SELECT 1")

    def close(self) -> None:
        self.pool.close()
