"""The service's settings, all read from the environment (see .env.example)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    port: int
    database_url: str
    # For the lockout milestone: failed logins in a row for one email before it is locked, and for
    # how many seconds. Nothing locks yet.
    login_max_failures: int
    lockout_seconds: int


def _whole(value: str):
    try:
        return int(value)
    except ValueError:
        return None


def load_config(env) -> Config:
    """Reads the configuration, or raises one ValueError that names everything missing or wrong."""
    problems = []
    port = _whole(env.get("PORT") or "3000")
    if port is None or not 1 <= port <= 65535:
        problems.append("PORT must be a TCP port")
    database_url = env.get("DATABASE_URL") or ""
    if not database_url:
        problems.append("DATABASE_URL is not set")
    limits = {}
    for name, default in (("LOGIN_MAX_FAILURES", "5"), ("LOCKOUT_SECONDS", "900")):
        limits[name] = _whole(env.get(name) or default)
        if limits[name] is None or limits[name] < 1:
            problems.append(f"{name} must be a whole number above 0")
    if problems:
        raise ValueError("; ".join(problems) + ": copy .env.example to .env or export them")
    return Config(port, database_url, limits["LOGIN_MAX_FAILURES"], limits["LOCKOUT_SECONDS"])
