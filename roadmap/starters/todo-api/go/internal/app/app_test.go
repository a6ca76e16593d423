package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The embedded Store keeps these fakes compiling as Store grows; only Ping is called here.
type up struct{ Store }

func (up) Ping(context.Context) error { return nil }

type down struct{ Store }

func (down) Ping(context.Context) error { return errors.New("connect: connection refused") }

func serve(t *testing.T, h http.Handler, method, path, body string) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	var got map[string]any
	if err := json.NewDecoder(rec.Body).Decode(&got); err != nil {
		t.Fatalf("%s %s answered %d with a body that is not JSON: %v", method, path, rec.Code, err)
	}
	return rec.Code, got
}

func TestHealthAnswers200WithStatusOk(t *testing.T) {
	if code, body := serve(t, NewHandler(up{}), "GET", "/health", ""); code != 200 || body["status"] != "ok" {
		t.Fatalf("GET /health = %d %v", code, body)
	}
}

func TestHealthAnswers503WithAJSONErrorWhenTheDatabaseIsDown(t *testing.T) {
	if code, body := serve(t, NewHandler(down{}), "GET", "/health", ""); code != 503 || body["error"] == nil {
		t.Fatalf("GET /health with the database down = %d %v", code, body)
	}
}

func TestAnUnknownPathAnswers404WithAJSONError(t *testing.T) {
	if code, body := serve(t, NewHandler(up{}), "GET", "/nothing", ""); code != 404 || body["error"] == nil {
		t.Fatalf("GET /nothing = %d %v", code, body)
	}
}

func TestADatabaseErrorAnswers503WithAJSONError(t *testing.T) {
	failing := orUnavailable(func(http.ResponseWriter, *http.Request) error {
		return errors.New("terminating connection due to administrator command")
	})
	if code, body := serve(t, failing, "GET", "/items", ""); code != 503 || body["error"] == nil {
		t.Fatalf("a route that fails = %d %v", code, body)
	}
}

func TestMalformedJSONAnswers400WithAJSONError(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v map[string]any
		if readJSON(w, r, &v) {
			writeJSON(w, 200, v)
		}
	})
	if code, body := serve(t, h, "POST", "/items", `{"title": `); code != 400 || body["error"] == nil {
		t.Fatalf("malformed JSON = %d %v", code, body)
	}
}
