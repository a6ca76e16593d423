"""Users and their tasks: PostgreSQL for the service, memory for unit tests."""
import psycopg
from psycopg.rows import dict_row


# PostgreSQL could not be reached or dropped the connection: worth retrying later, unlike a bug in a query.
DatabaseUnavailable = psycopg.OperationalError


class MemoryStore:
    def __init__(self):
        self.users = []  # dicts with id, email, password_hash
        self.tasks = []  # dicts with id, user_id, title, done

    def create_user(self, email: str, password_hash: str):
        """The new user, or None when the email is taken."""
        if any(u["email"] == email for u in self.users):
            return None
        user = {"id": len(self.users) + 1, "email": email, "password_hash": password_hash}
        self.users.append(user)
        return user

    def find_user_by_email(self, email: str):
        return next((u for u in self.users if u["email"] == email), None)

    def create_task(self, user_id: int, title: str) -> dict:
        self.tasks.append({"id": len(self.tasks) + 1, "user_id": user_id, "title": title, "done": False})
        return {"id": len(self.tasks), "title": title, "done": False}

    def list_tasks(self, user_id: int) -> list:
        """The user's own tasks, oldest first."""
        return [{"id": t["id"], "title": t["title"], "done": t["done"]} for t in self.tasks if t["user_id"] == user_id]

    def ping(self) -> None:
        pass


SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS tasks (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  done boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS tasks_user_id ON tasks (user_id, id);
"""


class PgStore:
    """Users and tasks in PostgreSQL; every task query is scoped to its owner."""

    def __init__(self, url: str):
        self.url = url
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(SCHEMA)

    def _connect(self):
        return psycopg.connect(self.url, autocommit=True, connect_timeout=5, row_factory=dict_row)

    def create_user(self, email: str, password_hash: str):
        with self._connect() as conn:
            row = conn.execute(
                "INSERT INTO users (email, password_hash) VALUES (%s, %s) ON CONFLICT (email) DO NOTHING RETURNING id",
                (email, password_hash),
            ).fetchone()
            return {"id": row["id"], "email": email, "password_hash": password_hash} if row else None

    def find_user_by_email(self, email: str):
        with self._connect() as conn:
            return conn.execute("SELECT id, email, password_hash FROM users WHERE email = %s", (email,)).fetchone()

    def create_task(self, user_id: int, title: str) -> dict:
        with self._connect() as conn:
            return conn.execute("INSERT INTO tasks (user_id, title) VALUES (%s, %s) RETURNING id, title, done", (user_id, title)).fetchone()

    def list_tasks(self, user_id: int) -> list:
        with self._connect() as conn:
            return conn.execute("SELECT id, title, done FROM tasks WHERE user_id = %s ORDER BY id", (user_id,)).fetchall()

    def ping(self) -> None:
        with self._connect() as conn:
            conn.execute("SELECT 1")
