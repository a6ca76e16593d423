"""The ASGI app: /health and GraphQL over POST /graphql answered here; WebSocket /graphql (graphql-ws) by Strawberry."""
import json
import sys

from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from .schema import context_for, schema
from .store import DatabaseUnavailable

MAX_BODY = 64 * 1024
UNAVAILABLE = (503, {"error": "the database is unavailable; try again later"})


async def answer(store, method: str, path: str, body: bytes):
    """(status, JSON body) of one HTTP request, testable without a socket."""
    if method == "GET" and path == "/health":
        try:
            await store.ping()
            return 200, {"status": "ok"}
        except DatabaseUnavailable:
            return UNAVAILABLE
    if method == "POST" and path == "/graphql":
        try:
            request = json.loads(body) if body else None
        except ValueError:
            return 400, {"error": "the body must be JSON"}
        if not isinstance(request, dict) or not isinstance(request.get("query"), str):
            return 400, {"error": "the body must be JSON with a 'query' string"}
        result = await schema.execute(request["query"], variable_values=request.get("variables"), context_value=context_for(store))
        errors = result.errors or []
        if any(isinstance(e.original_error, DatabaseUnavailable) for e in errors):
            print(json.dumps({"level": "error", "msg": "database error", "error": repr(errors[0].original_error)}), file=sys.stderr, flush=True)
            return UNAVAILABLE
        out = {"data": result.data}
        if errors:
            out["errors"] = [e.formatted for e in errors]
        return 200, out
    return 404, {"error": f"no route for {method} {path}"}


class Subscriptions(GraphQL):
    """Strawberry's own graphql-ws server, with the same context as HTTP requests."""

    def __init__(self, store):
        super().__init__(schema, subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL])
        self.store = store

    async def get_context(self, request, response=None):
        return context_for(self.store)


def make_app(store):
    subscriptions = Subscriptions(store)

    async def app(scope, receive, send):
        if scope["type"] == "websocket":
            if scope["path"] == "/graphql":
                return await subscriptions(scope, receive, send)
            return await send({"type": "websocket.close", "code": 1008})
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > MAX_BODY:
                status, payload = 413, {"error": "the body must be at most 64 KiB"}
                break
            if not message.get("more_body"):
                status, payload = await answer(store, scope["method"], scope["path"], body)
                break
        data = json.dumps(payload).encode()
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]})
        await send({"type": "http.response.body", "body": data})

    return app
