"""Where the items are kept: PostgreSQL (DATABASE_URL)."""
import psycopg


class PgStore:
    """One short connection per call; the timeout keeps a request from hanging on a database that
    does not answer, and the server starts (and /health answers 503) while the database is down."""

    def __init__(self, url: str):
        self.url = url

    def _connect(self):
        return psycopg.connect(self.url, autocommit=True, connect_timeout=3)

    def ping(self) -> None:
        with self._connect() as conn:
            conn.execute("SELECT 1")

    # Items milestone: create(title), list(), set_done(id, done) and remove(id) go here.
    # Storage milestone: create the items table (CREATE TABLE IF NOT EXISTS ...) and keep every item
    # in it, so items survive a restart.
