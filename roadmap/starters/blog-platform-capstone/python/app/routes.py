"""Routes one request: (status, body, headers), testable without a socket."""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="health")


@dataclass
class Deps:
    store: object
    cache: object
    jwt_secret: str  # signs and checks login tokens (auth.py)


def health(deps: Deps):
    """200 when PostgreSQL and Redis both answer; 503 naming the ones that do not."""
    services = {"postgresql": deps.store, "redis": deps.cache}
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


def route(deps: Deps, method: str, path: str, body, headers=None):
    """`headers`: the request's headers (Milestone "features": Authorization: Bearer <token>, auth.verify_token)."""
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        return health(deps)
    if method == "GET" and path == "/posts":
        # Milestone "performance": serve this list from Redis; every write of a post drops it.
        return 200, deps.store.list_posts(), {}
    # Milestone "features": POST /users, POST /login, POST /posts, GET/PATCH/DELETE /posts/{id},
    # POST and GET /posts/{id}/comments.
    return 404, {"error": f"no route for {method} {path}"}, {}
