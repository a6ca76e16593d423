"""Routes one request of a cache node.

`route` takes a method, a path, a parsed JSON body and the request headers and returns
(status, body), so it can be tested without a socket.
"""
import re
from dataclasses import dataclass

from .config import Config
from .store import Store


@dataclass
class Node:
    config: Config
    store: Store


def make_node(config: Config) -> Node:
    return Node(config=config, store=Store(config.max_keys))


CACHE_PATH = re.compile(r"^/cache/([^/]+)$")


def route(node: Node, method: str, path: str, body, headers=None):
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        return 200, {"status": "ok"}

    # Milestone "GET and SET with TTL": the PUT body's "ttl" (seconds), then store.py.
    # Milestone "Consistent hashing": GET /keys, and send each key to the node that owns it on a ring
    # built from NODE_ID names (node.config.nodes); peers.py makes the calls between nodes.
    # Milestone "Replication": keep each key on two nodes and read from the next one when one is down.
    match = CACHE_PATH.match(path)
    if match and method == "PUT":
        key = match.group(1)
        value = body.get("value") if isinstance(body, dict) else None
        if not isinstance(value, str):
            return 400, {"error": "the body must be JSON with a text 'value'"}
        node.store.set(key, value)
        return 200, {"key": key, "value": value}
    if match and method == "GET":
        key = match.group(1)
        value = node.store.get(key)
        if value is None:
            return 404, {"error": f"no key {key!r}"}
        return 200, {"key": key, "value": value}
    return 404, {"error": f"no route for {method} {path}"}
