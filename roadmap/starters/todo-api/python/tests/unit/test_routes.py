import json
import threading
import urllib.error
import urllib.request

from app.routes import route
from app.server import make_server


class Up:
    def ping(self):
        pass


class Down:
    def ping(self):
        raise OSError("connection refused")


def test_health_answers_200_with_status_ok_while_the_database_answers():
    assert route(Up(), "GET", "/health", None) == (200, {"status": "ok"})


def test_health_answers_503_with_a_json_error_when_the_database_does_not():
    status, body = route(Down(), "GET", "/health", None)
    assert status == 503
    assert isinstance(body["error"], str)


def test_an_unknown_path_answers_404_with_a_json_error():
    status, body = route(Up(), "GET", "/nothing", None)
    assert status == 404
    assert "GET /nothing" in body["error"]


def send(handle, method, path, data=None):
    server = make_server(0, Up(), handle)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        req = urllib.request.Request(f"http://127.0.0.1:{server.server_address[1]}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=5) as res:
                return res.status, json.loads(res.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read())
    finally:
        server.shutdown()
        server.server_close()


def test_malformed_json_answers_400_with_a_json_error():
    assert send(route, "POST", "/items", b'{"title": ') == (400, {"error": "the body is not valid JSON"})


def test_a_database_error_raised_by_a_route_answers_503_with_a_json_error():
    def failing(store, method, path, body):
        raise RuntimeError("terminating connection due to administrator command")

    status, body = send(failing, "GET", "/items")
    assert status == 503
    assert isinstance(body["error"], str)
