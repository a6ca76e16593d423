package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
)

func testConfig(t *testing.T) Config {
	t.Helper()
	env := map[string]string{"REDIS_URL": "redis://unused", "UPSTREAMS": "users=http://127.0.0.1:1", "API_KEYS": "a, b", "RATE_LIMIT": "5", "RATE_WINDOW_SECONDS": "10"}
	c, err := LoadConfig(func(name string) string { return env[name] })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func do(t *testing.T, d Deps, method, path string) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	NewHandler(d).ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

type downBuckets struct{ MemoryBuckets }

func (*downBuckets) Ping(context.Context) error { return errors.New("connection refused") }

func TestHealthAnswers200WithStatusOk(t *testing.T) {
	code, body := do(t, Deps{Config: testConfig(t), Buckets: &MemoryBuckets{}}, "GET", "/health")
	if code != 200 || body["status"] != "ok" {
		t.Fatalf("health = %d %v", code, body)
	}
}

func TestHealthAnswers503WithAJSONErrorWhileRedisDoesNotAnswer(t *testing.T) {
	code, body := do(t, Deps{Config: testConfig(t), Buckets: &downBuckets{}}, "GET", "/health")
	if _, ok := body["error"].(string); code != 503 || !ok {
		t.Fatalf("health with Redis down = %d %v", code, body)
	}
}

func TestAPathOutsideAPIAnswers404WithAJSONError(t *testing.T) {
	code, body := do(t, Deps{Config: testConfig(t), Buckets: &MemoryBuckets{}}, "GET", "/nowhere")
	if _, ok := body["error"].(string); code != 404 || !ok {
		t.Fatalf("/nowhere = %d %v", code, body)
	}
}

func TestTheConfigurationReadsUpstreamsAPIKeysAndTheLimits(t *testing.T) {
	c := testConfig(t)
	if len(c.Upstreams) != 1 || c.Upstreams["users"].String() != "http://127.0.0.1:1" {
		t.Errorf("upstreams = %v", c.Upstreams)
	}
	if len(c.APIKeys) != 2 || c.APIKeys[0] != "a" || c.APIKeys[1] != "b" {
		t.Errorf("api keys = %v", c.APIKeys)
	}
	if c.RateLimit != 5 || c.RateWindowSeconds != 10 {
		t.Errorf("limits = %d per %d s", c.RateLimit, c.RateWindowSeconds)
	}
}

func TestAWrongSettingStopsTheStartWithItsName(t *testing.T) {
	for name, env := range map[string]map[string]string{
		"REDIS_URL":  {},
		"RATE_LIMIT": {"REDIS_URL": "redis://x", "RATE_LIMIT": "0"},
		"UPSTREAMS":  {"REDIS_URL": "redis://x", "UPSTREAMS": "users"},
	} {
		_, err := LoadConfig(func(n string) string { return env[n] })
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error = %v", name, err)
		}
	}
}
