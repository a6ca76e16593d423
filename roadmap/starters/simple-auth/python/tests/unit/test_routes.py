import pytest

from app.config import load_config
from app.routes import Deps, route
from app.server import failure
from app.store import DatabaseError, MemoryStore, PgStore

CONFIG = load_config({"DATABASE_URL": "postgres://unit"})


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
    config = load_config({"PORT": "8080", "DATABASE_URL": "postgres://x", "LOGIN_MAX_FAILURES": "3", "LOCKOUT_SECONDS": "2"})
    assert (config.port, config.login_max_failures, config.lockout_seconds) == (8080, 3, 2)
    assert (CONFIG.port, CONFIG.login_max_failures, CONFIG.lockout_seconds) == (3000, 5, 900)
    with pytest.raises(ValueError, match="DATABASE_URL is not set; LOCKOUT_SECONDS must be a whole number above 0"):
        load_config({"LOCKOUT_SECONDS": "0"})
