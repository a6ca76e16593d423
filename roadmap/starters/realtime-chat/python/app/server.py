"""The server: GET /health over plain HTTP, and GET /ws?room=<name> upgraded to a WebSocket in that room."""
import json
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import serve
from websockets.datastructures import Headers
from websockets.http11 import Response


async def health(store):
    """(status, body) of GET /health: 503 with a JSON error while PostgreSQL does not answer."""
    try:
        await store.ping()
        return 200, {"status": "ok"}
    except Exception:
        return 503, {"error": "database unreachable"}


def room_of(path: str):
    """The room of a WebSocket path such as /ws?room=lobby, or None."""
    url = urlsplit(path)
    room = parse_qs(url.query).get("room", [""])[0]
    return room if url.path == "/ws" and room else None


def json_response(status: int, body) -> Response:
    data = json.dumps(body).encode()
    headers = Headers([("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return Response(status, HTTPStatus(status).phrase, headers, data)


async def start(port: int, store, chat):
    async def process_request(connection, request):
        if urlsplit(request.path).path == "/health":
            return json_response(*await health(store))
        if room_of(request.path) is None:
            return json_response(404, {"error": "open a WebSocket at /ws?room=<name>"})
        return None

    async def handler(ws):
        room = room_of(ws.request.path)
        await chat.join(ws, room)
        try:
            async for frame in ws:
                await chat.receive(ws, room, frame if isinstance(frame, str) else frame.decode("utf-8", "replace"))
        finally:
            chat.leave(ws, room)

    return await serve(handler, "0.0.0.0", port, process_request=process_request)
