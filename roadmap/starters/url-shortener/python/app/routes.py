"""Routes one request: (status, body, headers), testable without a socket."""
import re

from .links import new_code

CODE_PATH = re.compile(r"^/([0-9A-Za-z]{4,16})$")


def route(store, base_url: str, method: str, path: str, body):
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        try:
            store.ping()
            return 200, {"status": "ok"}, {}
        except Exception:
            return 503, {"status": "database unreachable"}, {}
    if method == "POST" and path == "/links":
        target = body.get("url") if isinstance(body, dict) else None
        if not isinstance(target, str) or not target:
            return 400, {"error": 'send JSON like {"url": "https://example.com"}'}, {}
        for _ in range(5):
            code = new_code()
            if store.save(code, target):
                return 201, {"code": code, "url": target, "short": f"{base_url}/{code}"}, {"Location": f"/{code}"}
        return 503, {"error": "could not find a free code; try again"}, {}
    match = CODE_PATH.match(path)
    if match and method == "GET":
        target = store.find(match.group(1))
        if target:
            return 302, None, {"Location": target}
        return 404, {"error": f"no link for code {match.group(1)}"}, {}
    return 404, {"error": f"no route for {method} {path}"}, {}
