"""The one resource this starter does end to end: items, kept in memory.

`route` takes a method, a path and a parsed JSON body and returns (status, body, headers), so it
can be tested without a socket.
"""
import re
from dataclasses import dataclass, field


@dataclass
class ItemStore:
    items: dict = field(default_factory=dict)
    next_id: int = 1

    def create(self, name: str) -> dict:
        item = {"id": self.next_id, "name": name}
        self.items[self.next_id] = item
        self.next_id += 1
        return item


ITEM_PATH = re.compile(r"^/items/(\d+)$")


def route(store: ItemStore, method: str, path: str, body):
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        return 200, {"status": "ok"}, {}
    if path == "/items" and method == "GET":
        return 200, list(store.items.values()), {}
    if path == "/items" and method == "POST":
        name = body.get("name") if isinstance(body, dict) else None
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            return 400, {"error": "'name' must be a string of 1 to 100 characters"}, {}
        item = store.create(name.strip())
        return 201, item, {"Location": f"/items/{item['id']}"}
    match = ITEM_PATH.match(path)
    if match and method == "GET":
        item = store.items.get(int(match.group(1)))
        return (200, item, {}) if item else (404, {"error": f"no item {match.group(1)}"}, {})
    return 404, {"error": f"no route for {method} {path}"}, {}
