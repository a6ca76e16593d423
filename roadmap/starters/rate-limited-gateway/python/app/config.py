"""The gateway's settings, read once from the environment; a wrong value stops the start with a reason."""
from dataclasses import dataclass
from urllib.parse import urlsplit


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    port: int
    redis_url: str
    # Service name to the upstream's base URL, from UPSTREAMS ("users=http://127.0.0.1:4001,orders=...").
    upstreams: dict
    api_keys: list  # API_KEYS, comma-separated
    jwt_secret: str  # JWT_SECRET: signs the callers' HS256 tokens; empty when JWTs are not accepted
    rate_limit: int  # RATE_LIMIT requests per caller in each window of RATE_WINDOW_SECONDS
    rate_window_seconds: int


def parse_upstreams(text: str) -> dict:
    out = {}
    for pair in (p.strip() for p in text.split(",")):
        if not pair:
            continue
        name, _, url = pair.partition("=")
        parts = urlsplit(url.strip())
        if not name.strip() or parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"UPSTREAMS: {pair!r} is not name=url, like users=http://127.0.0.1:4001")
        out[name.strip()] = url.strip()
    return out


def _whole(env, name: str, fallback: int) -> int:
    raw = env.get(name) or ""
    if raw == "":
        return fallback
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{name} must be a whole number of at least 1, not {raw!r}")
    return int(raw)


def load_config(env) -> Config:
    if not env.get("REDIS_URL"):
        raise ConfigError("REDIS_URL is not set; copy .env.example to .env or export it")
    return Config(
        port=int(env.get("PORT") or 3000),
        redis_url=env["REDIS_URL"],
        upstreams=parse_upstreams(env.get("UPSTREAMS") or ""),
        api_keys=[k.strip() for k in (env.get("API_KEYS") or "").split(",") if k.strip()],
        jwt_secret=env.get("JWT_SECRET") or "",
        rate_limit=_whole(env, "RATE_LIMIT", 60),
        rate_window_seconds=_whole(env, "RATE_WINDOW_SECONDS", 60),
    )
