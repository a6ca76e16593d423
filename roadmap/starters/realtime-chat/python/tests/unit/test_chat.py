import asyncio
import json

from app.chat import Chat
from app.messages import MemoryMessageStore
from app.server import health, room_of


class Client:
    """Keeps every frame it was sent, parsed."""

    def __init__(self):
        self.got = []

    async def send(self, frame: str) -> None:
        self.got.append(json.loads(frame))


class DownStore:
    async def save(self, room, text):
        raise OSError("down")

    async def recent(self, room, limit):
        raise OSError("down")

    async def ping(self):
        raise OSError("down")


def test_health_answers_200_while_the_store_answers_and_503_with_a_json_error_when_it_does_not():
    assert asyncio.run(health(MemoryMessageStore())) == (200, {"status": "ok"})
    status, body = asyncio.run(health(DownStore()))
    assert status == 503
    assert isinstance(body["error"], str)


def test_the_room_comes_from_the_query():
    assert room_of("/ws?room=lobby") == "lobby"
    assert room_of("/ws") is None
    assert room_of("/other?room=lobby") is None


def test_a_frame_that_is_not_json_is_answered_with_an_error_frame():
    async def scenario():
        chat = Chat(MemoryMessageStore())
        alice = Client()
        await chat.join(alice, "lobby")
        await chat.receive(alice, "lobby", "hello, not JSON")
        await chat.receive(alice, "lobby", '{"type": "dance"}')
        return alice.got

    got = asyncio.run(scenario())
    assert [f["type"] for f in got] == ["error", "error"]


def test_the_memory_store_keeps_a_rooms_messages_in_order():
    async def scenario():
        store = MemoryMessageStore()
        await store.save("a", "one")
        await store.save("b", "other room")
        await store.save("a", "two")
        return [m["text"] for m in await store.recent("a", 50)], [m["text"] for m in await store.recent("a", 1)]

    assert asyncio.run(scenario()) == (["one", "two"], ["two"])
