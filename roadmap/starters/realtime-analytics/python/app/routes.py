"""Routes one request: (status, body), testable without a socket."""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="health")


@dataclass
class Deps:
    counts: object
    log: object


def health(deps: Deps):
    """200 when PostgreSQL and Redis answer; 503 with an error naming the ones that do not."""
    services = {"postgresql": deps.counts, "redis": deps.log}
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
        return 503, {"status": "unavailable", "error": f"{' and '.join(failed)} did not answer", "failed": failed, "checks": checks}
    return 200, {"status": "ok", "checks": checks}


def route(deps: Deps, method: str, path: str, body):
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        return health(deps)
    # Milestone "ingest": POST /events (validate the batch, XADD it to the stream, answer 202) and
    # GET /stats?type=...; milestone "aggregate": GET /aggregates?type=...&from=...&to=...
    return 404, {"error": f"no route for {method} {path}"}
