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

func deps() Deps {
	return Deps{Counts: NewMemoryCounts(), Log: MemoryLog{}}
}

func do(t *testing.T, d Deps, method, path, body string) (int, map[string]any, http.Header) {
	t.Helper()
	rec := httptest.NewRecorder()
	NewHandler(d).ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out, rec.Header()
}

type downCounts struct{ *MemoryCounts }

func (downCounts) Ping(context.Context) error { return errors.New("connection refused") }

type downLog struct{ MemoryLog }

func (downLog) Ping(context.Context) error { return errors.New("connection refused") }

func TestHealthAnswers200WhileBothAnswer(t *testing.T) {
	code, body, _ := do(t, deps(), "GET", "/health", "")
	if code != 200 || body["status"] != "ok" {
		t.Fatalf("got %d %v", code, body)
	}
}

func TestHealthAnswers503WithAJSONErrorNamingTheServiceThatDoesNotAnswer(t *testing.T) {
	for name, d := range map[string]Deps{
		"postgresql": {Counts: downCounts{NewMemoryCounts()}, Log: MemoryLog{}},
		"redis":      {Counts: NewMemoryCounts(), Log: downLog{}},
	} {
		code, body, header := do(t, d, "GET", "/health", "")
		if code != 503 || !strings.Contains(header.Get("Content-Type"), "json") {
			t.Fatalf("%s: got %d %v", name, code, body)
		}
		if failed, _ := body["failed"].([]any); len(failed) != 1 || failed[0] != name {
			t.Fatalf("%s: failed = %v", name, body["failed"])
		}
		if e, _ := body["error"].(string); !strings.Contains(e, name) {
			t.Fatalf("%s: error = %v", name, body["error"])
		}
	}
}

func TestAFailingServiceAnswers503WithAJSONError(t *testing.T) {
	rec := httptest.NewRecorder()
	unavailable(rec, httptest.NewRequest("GET", "/x", nil), deps(), errors.New("connection refused"))
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	if rec.Code != 503 || out["error"] == nil {
		t.Fatalf("got %d %v", rec.Code, out)
	}
}

func TestAnUnknownRouteAnswers404WithAJSONError(t *testing.T) {
	code, body, _ := do(t, deps(), "GET", "/nowhere", "")
	if code != 404 || body["error"] == nil {
		t.Fatalf("got %d %v", code, body)
	}
}

func TestCountsAddUpPerTypeAndMinute(t *testing.T) {
	c := NewMemoryCounts()
	_ = c.Add(context.Background(), []MinuteCount{{"click", 60000, 2}})
	_ = c.Add(context.Background(), []MinuteCount{{"click", 60000, 3}, {"view", 60000, 1}})
	if c.Rows[countKey{"click", 60000}] != 5 || c.Rows[countKey{"view", 60000}] != 1 {
		t.Fatalf("rows = %v", c.Rows)
	}
}
