"""The accounts that credit jobs change: PostgreSQL for the service, memory for unit tests."""
import psycopg
from psycopg.rows import dict_row


class StoreUnavailable(Exception):
    """PostgreSQL did not answer: the routes turn it into 503, never a crash or a hang."""


class MemoryStore:
    def __init__(self):
        self.balances = {}

    def balance(self, account: str) -> int:
        """The account's balance; 0 for an account nothing has credited yet."""
        return self.balances.get(account, 0)

    def credit(self, account: str, amount: int) -> None:
        self.balances[account] = self.balances.get(account, 0) + amount

    def ping(self) -> None:
        pass

    # enqueue milestone: add the queue here: enqueue a job, read one by id, and claim the next
    # queued one for the worker (then mark it done or failed).


# enqueue milestone: a jobs table (id, the job as jsonb, status, attempts, when it may run next).
SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
  id text PRIMARY KEY,
  balance bigint NOT NULL DEFAULT 0
);
"""


class PgStore:
    def __init__(self, url: str):
        self.url = url
        with self._connect() as conn:
            conn.execute(SCHEMA)

    def _connect(self):
        """A connection; a database that does not answer fails in 2 s as StoreUnavailable instead of holding the request."""
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=2, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreUnavailable(f"database error: {exc}") from exc

    def _query(self, sql: str, params=()):
        """Every query goes through here, so any database failure reaches the routes as StoreUnavailable."""
        try:
            with self._connect() as conn:
                cur = conn.execute(sql, params)
                return cur.fetchall() if cur.description else []
        except psycopg.Error as exc:
            raise StoreUnavailable(f"database error: {exc}") from exc

    def balance(self, account: str) -> int:
        rows = self._query("SELECT balance FROM accounts WHERE id = %s", (account,))
        return int(rows[0]["balance"]) if rows else 0

    def credit(self, account: str, amount: int) -> None:
        self._query(
            "INSERT INTO accounts (id, balance) VALUES (%s, %s) ON CONFLICT (id) DO UPDATE SET balance = accounts.balance + EXCLUDED.balance",
            (account, amount),
        )

    def ping(self) -> None:
        self._query("SELECT 1")
