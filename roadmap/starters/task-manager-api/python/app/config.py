"""The service's settings, all read from the environment (see .env.example)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    port: int
    database_url: str
    jwt_secret: str  # signs and checks login tokens (HS256)
    # For the rate-limit milestone: requests per minute per token, or per address without one. Nothing limits yet.
    rate_limit_per_minute: int


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
    jwt_secret = env.get("JWT_SECRET") or ""
    if len(jwt_secret) < 32:
        problems.append("JWT_SECRET must be set to at least 32 characters")
    rate_limit = _whole(env.get("RATE_LIMIT_PER_MINUTE") or "60")
    if rate_limit is None or rate_limit < 1:
        problems.append("RATE_LIMIT_PER_MINUTE must be a whole number above 0")
    if problems:
        raise ValueError("; ".join(problems) + ": copy .env.example to .env or export them")
    return Config(port, database_url, jwt_secret, rate_limit)
