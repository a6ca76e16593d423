"""The service's settings, all read from the environment (see .env.example)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    port: int
    database_url: str
    # For the sso milestone: the provider's URL (its discovery document is under /.well-known/)
    # and this app's client.
    oidc_issuer: str
    oidc_client_id: str
    oidc_client_secret: str
    # For the quotas milestone: requests to /notes one tenant may send in each window of this many
    # seconds, and the most notes one tenant may keep.
    tenant_rate_limit: int
    tenant_rate_window_seconds: int
    tenant_max_notes: int


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
    text = {}
    for name in ("DATABASE_URL", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"):
        text[name] = env.get(name) or ""
        if not text[name]:
            problems.append(f"{name} is not set")
    limits = {}
    for name, default in (("TENANT_RATE_LIMIT", "100"), ("TENANT_RATE_WINDOW_SECONDS", "60"), ("TENANT_MAX_NOTES", "1000")):
        limits[name] = _whole(env.get(name) or default)
        if limits[name] is None or limits[name] < 1:
            problems.append(f"{name} must be a whole number above 0")
    if problems:
        raise ValueError("; ".join(problems) + ": copy .env.example to .env or export them")
    return Config(port, text["DATABASE_URL"], text["OIDC_ISSUER"], text["OIDC_CLIENT_ID"], text["OIDC_CLIENT_SECRET"],
                  limits["TENANT_RATE_LIMIT"], limits["TENANT_RATE_WINDOW_SECONDS"], limits["TENANT_MAX_NOTES"])
