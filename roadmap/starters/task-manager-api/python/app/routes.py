"""Routes one request: (status, body, headers), testable without a socket."""
import re
from dataclasses import dataclass

from .auth import hash_password, sign_token, verify_password, verify_token

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
BEARER = re.compile(r"^Bearer (\S+)$", re.IGNORECASE)


@dataclass
class Deps:
    store: object
    jwt_secret: str


def error(status: int, message: str, headers=None):
    return status, {"error": message}, headers or {}


def authenticate(deps: Deps, authorization):
    """The caller's user id from "Authorization: Bearer <token>", or None."""
    match = BEARER.match(authorization or "")
    return verify_token(match.group(1), deps.jwt_secret) if match else None


def credentials(body):
    email = body.get("email") if isinstance(body, dict) else None
    password = body.get("password") if isinstance(body, dict) else None
    if not isinstance(email, str) or not EMAIL.match(email.strip()) or not isinstance(password, str):
        return None
    return email.strip().lower(), password


def route(deps: Deps, method: str, path: str, body, authorization=None):
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        try:
            deps.store.ping()
            return 200, {"status": "ok"}, {}
        except Exception:
            return 503, {"status": "database unreachable"}, {}
    if method == "POST" and path == "/auth/register":
        given = credentials(body)
        if not given or len(given[1]) < 8:
            return error(400, 'send JSON like {"email": "you@example.com", "password": "at least 8 characters"}')
        user = deps.store.create_user(given[0], hash_password(given[1]))
        if not user:
            return error(409, "that email is already registered")
        return 201, {"id": user["id"], "email": user["email"]}, {}
    if method == "POST" and path == "/auth/login":
        given = credentials(body)
        user = deps.store.find_user_by_email(given[0]) if given else None
        # The same answer for an unknown email and a wrong password: no hint which emails exist.
        if not user or not verify_password(given[1], user["password_hash"]):
            return error(401, "wrong email or password")
        return 200, {"token": sign_token(user["id"], deps.jwt_secret)}, {}
    if path == "/tasks" or path.startswith("/tasks/"):
        user_id = authenticate(deps, authorization)
        if user_id is None:
            return error(401, "send Authorization: Bearer <token>, with a token from POST /auth/login", {"WWW-Authenticate": "Bearer"})
        if method == "POST" and path == "/tasks":
            title = body.get("title") if isinstance(body, dict) else None
            if not isinstance(title, str) or not title:
                return error(400, 'send JSON like {"title": "Write the README"}')
            task = deps.store.create_task(user_id, title)
            return 201, task, {"Location": f"/tasks/{task['id']}"}
        if method == "GET" and path == "/tasks":
            return 200, deps.store.list_tasks(user_id), {}
    return error(404, f"no route for {method} {path}")
