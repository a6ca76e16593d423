package app

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func do(t *testing.T, h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	return rec
}

func TestHealth(t *testing.T) {
	rec := do(t, NewHandler(), "GET", "/health", "")
	if rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != `{"status":"ok"}` {
		t.Fatalf("GET /health = %d %s", rec.Code, rec.Body)
	}
}

func TestCreateThenRead(t *testing.T) {
	h := NewHandler()
	rec := do(t, h, "POST", "/items", `{"name":" first "}`)
	if rec.Code != 201 || rec.Header().Get("Location") != "/items/1" {
		t.Fatalf("POST /items = %d, Location %q", rec.Code, rec.Header().Get("Location"))
	}
	rec = do(t, h, "GET", "/items/1", "")
	if strings.TrimSpace(rec.Body.String()) != `{"id":1,"name":"first"}` {
		t.Fatalf("GET /items/1 = %s", rec.Body)
	}
}

func TestInvalidAndUnknown(t *testing.T) {
	h := NewHandler()
	for _, body := range []string{`{"name":""}`, `{}`, `not json`, `{"name":42}`} {
		if rec := do(t, h, "POST", "/items", body); rec.Code != 400 {
			t.Errorf("POST %s = %d, want 400", body, rec.Code)
		}
	}
	if rec := do(t, h, "GET", "/items/99", ""); rec.Code != 404 {
		t.Errorf("GET /items/99 = %d, want 404", rec.Code)
	}
}

func TestConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if c, err := LoadConfig(env(map[string]string{"PORT": "8081"})); err != nil || c.Port != 8081 {
		t.Fatalf("LoadConfig(8081) = %+v, %v", c, err)
	}
	if _, err := LoadConfig(env(map[string]string{"PORT": "eighty"})); err == nil {
		t.Fatal("PORT=eighty was accepted")
	}
}
