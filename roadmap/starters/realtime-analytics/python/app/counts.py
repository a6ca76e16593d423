"""Per-minute counts and where they live: PostgreSQL for the service, memory for unit tests.

A count's `minute` is the minute's first millisecond since 1970 (UTC).
"""
from psycopg_pool import ConnectionPool


class MemoryCounts:
    """For unit tests: the same contract, in memory."""

    def __init__(self):
        self.rows = {}

    def add(self, rows) -> None:
        """Adds each (type, minute, count) to its (type, minute)."""
        for type_, minute, count in rows:
            self.rows[(type_, minute)] = self.rows.get((type_, minute), 0) + count

    def ping(self) -> None:
        pass


class PgCounts:
    """Per-minute counts in a plain PostgreSQL table keyed by type and minute.

    `delay_ms` (AGGREGATE_DELAY_MS) pauses every write on purpose: a stand-in for a busy database,
    so that ingest visibly must not wait for counting. Keep the pause in every write of counts you add.
    """

    def __init__(self, url: str, delay_ms: float = 0):
        self.delay_ms = delay_ms
        self.pool = ConnectionPool(url, min_size=1, max_size=10, kwargs={"autocommit": True, "connect_timeout": 5},
                                   timeout=5, open=True)
        try:
            self.pool.wait(timeout=10)
            with self.pool.connection() as conn:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS minute_counts ("
                    " type text NOT NULL,"
                    " minute bigint NOT NULL,"
                    " count bigint NOT NULL,"
                    " PRIMARY KEY (type, minute))"
                )
        except Exception:
            self.pool.close()
            raise

    def add(self, rows) -> None:
        """Adds each (type, minute, count) to its (type, minute), in one transaction."""
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_sleep(%s)", (self.delay_ms / 1000.0,))
            for type_, minute, count in rows:
                conn.execute(
                    "INSERT INTO minute_counts (type, minute, count) VALUES (%s, %s, %s)"
                    " ON CONFLICT (type, minute) DO UPDATE SET count = minute_counts.count + EXCLUDED.count",
                    (type_, minute, count),
                )

    def ping(self) -> None:
        with self.pool.connection(timeout=2) as conn:
            conn.execute("SELECT 1")

    def close(self) -> None:
        self.pool.close()
