"""Routes one request: (status, body, headers), testable without a socket."""
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .items import ID_PATTERN

ITEM_PATH = re.compile(r"^/items/([^/]+)$")
_pool = ThreadPoolExecutor(max_workers=6, thread_name_prefix="health")


@dataclass
class Deps:
    store: object
    cache: object
    events: object


def health(deps: Deps):
    """200 when PostgreSQL, Redis and Kafka all answer; 503 naming the ones that do not."""
    services = {"postgresql": deps.store, "redis": deps.cache, "kafka": deps.events}
    futures = {name: _pool.submit(service.ping) for name, service in services.items()}
    checks = {}
    for name, future in futures.items():
        try:
            future.result(timeout=2.5)  # a health check must answer even when a service hangs
            checks[name] = "ok"
        except Exception as err:  # noqa: BLE001 - any failure means unreachable
            checks[name] = f"unreachable: {err or type(err).__name__}"
    failed = [name for name, state in checks.items() if state != "ok"]
    if failed:
        return 503, {"status": "unavailable", "failed": failed, "checks": checks}, {}
    return 200, {"status": "ok", "checks": checks}, {}


def valid_name(body):
    name = body.get("name") if isinstance(body, dict) else None
    return name if isinstance(name, str) and name.strip() and len(name) <= 200 else None


def route(deps: Deps, method: str, path: str, body):
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        return health(deps)
    if method == "POST" and path == "/items":
        name = valid_name(body)
        if name is None:
            return 400, {"error": 'send JSON like {"name": "a name"} (1 to 200 characters)'}, {}
        item = deps.store.create(name)
        return 201, item, {"Location": f"/items/{item['id']}"}
    match = ITEM_PATH.match(path)
    if match and method == "GET":
        item_id = match.group(1)
        item = deps.store.find(item_id) if ID_PATTERN.match(item_id) else None
        if item:
            return 200, item, {}
        return 404, {"error": f"no item {item_id}"}, {}
    return 404, {"error": f"no route for {method} {path}"}, {}
