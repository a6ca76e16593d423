"""The rooms and their clients. Pure logic: server.py connects it to real WebSockets.

A client is anything with an async `send(frame: str)`, such as a websockets connection.
"""
import json


def error(text: str) -> str:
    return json.dumps({"type": "error", "error": text})


class Chat:
    def __init__(self, store):
        self.store = store

    async def join(self, client, room: str) -> None:
        """A client opened GET /ws?room=<room>."""
        # Rooms milestone: remember which clients are in which room.
        # History milestone: first send the room's last 50 messages (store.recent), oldest first.

    def leave(self, client, room: str) -> None:
        """The client's socket closed."""
        # Rooms milestone: forget the client, so nothing is sent to a closed socket.

    async def receive(self, client, room: str, frame: str) -> None:
        """One text frame from a client in `room`."""
        try:
            data = json.loads(frame)
        except ValueError:
            await client.send(error('send JSON like {"type": "message", "text": "hello"}'))
            return
        if not isinstance(data, dict) or data.get("type") != "message":
            await client.send(error('unknown frame: send {"type": "message", "text": "..."}'))
            return
        # Rooms milestone: check the text (a string of 1 to 200 characters), store it with
        # self.store.save(room, text) and send the stored message to every client of the room.
        # Two-instances milestone: publish it through Redis instead, so other instances deliver it too.
        await client.send(error("messages are not delivered yet: build the rooms milestone"))
