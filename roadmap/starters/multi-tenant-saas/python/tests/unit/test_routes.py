import pytest

from app.config import load_config
from app.routes import Deps, route
from app.server import failure
from app.store import DatabaseError, MemoryStore, PgStore

ENV = {"DATABASE_URL": "postgres://unit", "OIDC_ISSUER": "http://localhost:4000", "OIDC_CLIENT_ID": "saas-app", "OIDC_CLIENT_SECRET": "saas-app-secret"}
CONFIG = load_config(ENV)


def test_health_answers_200_while_the_store_answers():
    assert route(Deps(MemoryStore(), CONFIG), "GET", "/health", None) == (200, {"status": "ok"}, {})


def test_a_database_that_cannot_be_reached_answers_503_with_a_json_error():
    # Port 1 on loopback refuses at once: the real PgStore and its real error, no database needed.
    store = PgStore.__new__(PgStore)
    store.url = "postgresql://nobody@127.0.0.1:1/none"
    with pytest.raises(DatabaseError) as raised:
        route(Deps(store, CONFIG), "GET", "/health", None)
    status, body, _ = failure(raised.value)
    assert status == 503 and isinstance(body["error"], str)


def test_an_unknown_route_answers_404_with_a_json_error():
    status, body, _ = route(Deps(MemoryStore(), CONFIG), "GET", "/nowhere", None)
    assert status == 404 and "GET /nowhere" in body["error"]


def test_the_configuration_comes_from_the_environment_and_names_what_is_missing():
    config = load_config({**ENV, "PORT": "8080", "TENANT_RATE_LIMIT": "3", "TENANT_RATE_WINDOW_SECONDS": "2", "TENANT_MAX_NOTES": "4"})
    assert (config.port, config.oidc_issuer, config.tenant_rate_limit, config.tenant_rate_window_seconds, config.tenant_max_notes) == (8080, "http://localhost:4000", 3, 2, 4)
    assert (CONFIG.port, CONFIG.tenant_rate_limit, CONFIG.tenant_rate_window_seconds, CONFIG.tenant_max_notes) == (3000, 100, 60, 1000)
    with pytest.raises(ValueError, match="DATABASE_URL is not set; OIDC_ISSUER is not set; OIDC_CLIENT_ID is not set; OIDC_CLIENT_SECRET is not set; TENANT_MAX_NOTES must be a whole number above 0"):
        load_config({"TENANT_MAX_NOTES": "0"})
