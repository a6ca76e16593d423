from app.routes import Deps, route
from app.store import MemoryStore


def deps() -> Deps:
    return Deps(store=MemoryStore(), jwt_secret="unit-test-secret-that-is-32-chars-long")


def login(d: Deps, email: str) -> str:
    """Registers and logs in; returns the Authorization header for that user."""
    assert route(d, "POST", "/auth/register", {"email": email, "password": "secret-password"})[0] == 201
    status, body, _ = route(d, "POST", "/auth/login", {"email": email, "password": "secret-password"})
    assert status == 200
    return f"Bearer {body['token']}"


def test_health_follows_the_store():
    assert route(deps(), "GET", "/health", None)[0] == 200

    class Down(MemoryStore):
        def ping(self):
            raise OSError("down")

    assert route(Deps(store=Down(), jwt_secret="x" * 32), "GET", "/health", None)[0] == 503


def test_register_hashes_refuses_a_taken_email_and_login_refuses_a_wrong_password():
    d = deps()
    login(d, "ada@example.com")
    assert d.store.users[0]["password_hash"] != "secret-password"
    assert route(d, "POST", "/auth/register", {"email": "ADA@example.com", "password": "another-password"})[0] == 409
    assert route(d, "POST", "/auth/register", {"email": "not-an-email", "password": "secret-password"})[0] == 400
    assert route(d, "POST", "/auth/login", {"email": "ada@example.com", "password": "wrong-password"})[0] == 401
    assert route(d, "POST", "/auth/login", {"email": "nobody@example.com", "password": "secret-password"})[0] == 401


def test_logged_in_user_creates_tasks_and_lists_only_their_own():
    d = deps()
    ada, bob = login(d, "ada@example.com"), login(d, "bob@example.com")
    status, task, _ = route(d, "POST", "/tasks", {"title": "Write the README"}, ada)
    assert (status, task) == (201, {"id": 1, "title": "Write the README", "done": False})
    assert route(d, "GET", "/tasks", None, ada)[1] == [{"id": 1, "title": "Write the README", "done": False}]
    assert route(d, "GET", "/tasks", None, bob)[1] == []
    assert route(d, "POST", "/tasks", {}, ada)[0] == 400


def test_task_routes_answer_401_without_a_valid_token():
    d = deps()
    assert route(d, "GET", "/tasks", None)[0] == 401
    assert route(d, "POST", "/tasks", {"title": "x"})[0] == 401
    assert route(d, "GET", "/tasks", None, "Bearer nonsense")[0] == 401
