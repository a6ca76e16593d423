package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func deps() Deps {
	return Deps{Store: NewMemoryItemStore(), Cache: MemoryCache{}, Events: &MemoryEvents{}}
}

func do(t *testing.T, d Deps, method, path, body string) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	NewHandler(d).ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

type downStore struct{ *MemoryItemStore }

func (downStore) Ping(context.Context) error { return errors.New("connection refused") }

type downCache struct{ MemoryCache }

func (downCache) Ping(context.Context) error { return errors.New("connection refused") }

type downEvents struct{ *MemoryEvents }

func (downEvents) Ping(context.Context) error { return errors.New("connection refused") }

func TestHealthAnswers200WhileAllThreeAnswer(t *testing.T) {
	code, body := do(t, deps(), "GET", "/health", "")
	if code != 200 || body["status"] != "ok" {
		t.Fatalf("health = %d %v", code, body)
	}
	checks, _ := body["checks"].(map[string]any)
	for _, name := range []string{"postgresql", "redis", "kafka"} {
		if checks[name] != "ok" {
			t.Errorf("checks[%s] = %v", name, checks[name])
		}
	}
}

func TestHealthAnswers503AndNamesTheServiceThatDoesNotAnswer(t *testing.T) {
	for name, d := range map[string]Deps{
		"postgresql": {Store: downStore{NewMemoryItemStore()}, Cache: MemoryCache{}, Events: &MemoryEvents{}},
		"redis":      {Store: NewMemoryItemStore(), Cache: downCache{}, Events: &MemoryEvents{}},
		"kafka":      {Store: NewMemoryItemStore(), Cache: MemoryCache{}, Events: downEvents{&MemoryEvents{}}},
	} {
		code, body := do(t, d, "GET", "/health", "")
		failed, _ := body["failed"].([]any)
		if code != 503 || len(failed) != 1 || failed[0] != name {
			t.Errorf("%s down: health = %d %v", name, code, body)
		}
	}
}

func TestCreatedItemCanBeReadBack(t *testing.T) {
	d := deps()
	code, item := do(t, d, "POST", "/items", `{"name":"first"}`)
	if code != 201 || item["name"] != "first" || !regexp.MustCompile(`^[0-9a-f-]{36}$`).MatchString(item["id"].(string)) {
		t.Fatalf("POST /items = %d %v", code, item)
	}
	code, read := do(t, d, "GET", "/items/"+item["id"].(string), "")
	if code != 200 || read["id"] != item["id"] || read["name"] != "first" {
		t.Fatalf("GET = %d %v", code, read)
	}
}

func TestMissingOrEmptyNameAnswers400(t *testing.T) {
	for _, body := range []string{``, `{}`, `{"name":""}`, `{"name":42}`, `{"name":"` + strings.Repeat("x", 201) + `"}`} {
		if code, _ := do(t, deps(), "POST", "/items", body); code != 400 {
			t.Errorf("POST %q = %d, want 400", body, code)
		}
	}
}

func TestUnknownItemMalformedIDAndUnknownRouteAnswer404(t *testing.T) {
	for _, path := range []string{"/items/00000000-0000-4000-8000-000000000000", "/items/not-an-id", "/nowhere"} {
		if code, body := do(t, deps(), "GET", path, ""); code != 404 || body["error"] == nil {
			t.Errorf("GET %s = %d %v", path, code, body)
		}
	}
}
