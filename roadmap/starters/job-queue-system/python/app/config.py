"""The service's settings, all read from the environment (see .env.example)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    port: int
    database_url: str
    max_attempts: int  # for the retries milestone: attempts a job gets before it becomes a dead letter
    retry_base_ms: int  # for the retries milestone: the wait before attempt 2; it doubles for every attempt after


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
    max_attempts = _whole(env.get("MAX_ATTEMPTS") or "5")
    if max_attempts is None or max_attempts < 1:
        problems.append("MAX_ATTEMPTS must be a whole number above 0")
    retry_base_ms = _whole(env.get("RETRY_BASE_MS") or "2000")
    if retry_base_ms is None or retry_base_ms < 0:
        problems.append("RETRY_BASE_MS must be a whole number of milliseconds")
    if problems:
        raise ValueError("; ".join(problems) + ": copy .env.example to .env or export them")
    return Config(port, database_url, max_attempts, retry_base_ms)
