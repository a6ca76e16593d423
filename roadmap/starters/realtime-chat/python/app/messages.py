"""Chat messages and where they are kept: PostgreSQL for the service, memory for unit tests."""
from datetime import datetime, timezone

import psycopg


def message(room: str, text: str, id: int, at: datetime) -> dict:
    """One message as it is stored and sent to clients."""
    return {"type": "message", "room": room, "text": text, "id": id, "at": at.isoformat()}


class MemoryMessageStore:
    def __init__(self):
        self.messages = []

    async def save(self, room: str, text: str) -> dict:
        saved = message(room, text, len(self.messages) + 1, datetime.now(timezone.utc))
        self.messages.append(saved)
        return saved

    async def recent(self, room: str, limit: int) -> list:
        """The room's newest `limit` messages, oldest first."""
        return [m for m in self.messages if m["room"] == room][-limit:]

    async def ping(self) -> None:
        pass


class PgMessageStore:
    """Messages in PostgreSQL: the id grows with every message, so it orders them."""

    def __init__(self, url: str):
        self.url = url

    @classmethod
    async def connect(cls, url: str) -> "PgMessageStore":
        store = cls(url)
        async with await store._connect() as conn:
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS messages ("
                " id bigserial PRIMARY KEY, room text NOT NULL, text text NOT NULL, at timestamptz NOT NULL DEFAULT now())"
            )
            await conn.execute("CREATE INDEX IF NOT EXISTS messages_room_id ON messages (room, id)")
        return store

    async def _connect(self):
        return await psycopg.AsyncConnection.connect(self.url, autocommit=True, connect_timeout=5)

    async def save(self, room: str, text: str) -> dict:
        async with await self._connect() as conn:
            cur = await conn.execute("INSERT INTO messages (room, text) VALUES (%s, %s) RETURNING id, at", (room, text))
            id, at = await cur.fetchone()
            return message(room, text, id, at)

    async def recent(self, room: str, limit: int) -> list:
        # History milestone: select the room's newest `limit` rows and return them oldest first.
        return []

    async def ping(self) -> None:
        async with await self._connect() as conn:
            await conn.execute("SELECT 1")
