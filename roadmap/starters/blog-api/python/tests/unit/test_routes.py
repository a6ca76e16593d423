import pytest

from app.posts import MemoryPostStore
from app.routes import answer


def send(store, method, url, body=None):
    return answer(store, method, url, lambda: body)


def test_health_answers_200_while_the_store_answers():
    assert send(MemoryPostStore(), "GET", "/health") == (200, {"status": "ok"})


def test_a_created_post_is_returned_by_its_id():
    store = MemoryPostStore()
    status, post = send(store, "POST", "/posts", {"title": "Hello", "body": "First post"})
    assert status == 201
    assert post["title"] == "Hello" and post["createdAt"]
    assert send(store, "GET", f"/posts/{post['id']}") == (200, post)


@pytest.mark.parametrize("body", [None, {}, {"title": "x"}, {"title": "", "body": "x"}, {"title": "x", "body": 7}])
def test_a_missing_empty_or_non_text_field_answers_400(body):
    store = MemoryPostStore()
    status, payload = send(store, "POST", "/posts", body)
    assert status == 400 and isinstance(payload["error"], str)
    assert store.posts == []


def test_an_unknown_or_malformed_id_answers_404():
    store = MemoryPostStore()
    for url in ("/posts/42", "/posts/abc", "/posts/99999999999999999999"):
        assert send(store, "GET", url)[0] == 404


class Down:
    """Every method fails the way a query fails when PostgreSQL is down."""

    def __getattr__(self, name):
        def fail(*args):
            raise OSError("connection refused")
        return fail


@pytest.mark.parametrize("method,url,body", [("GET", "/health", None), ("POST", "/posts", {"title": "a", "body": "b"}), ("GET", "/posts/1", None)])
def test_a_database_error_answers_503_with_a_json_error(method, url, body):
    status, payload = send(Down(), method, url, body)
    assert status == 503 and isinstance(payload["error"], str)
