package app

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var env = map[string]string{"S3_ENDPOINT": "http://127.0.0.1:1", "S3_ACCESS_KEY_ID": "k", "S3_SECRET_ACCESS_KEY": "s", "S3_BUCKET": "b", "MAX_UPLOAD_BYTES": "100", "SIGNED_URL_SECONDS": "5"}

func testConfig(t *testing.T, overrides map[string]string) (Config, error) {
	t.Helper()
	return ReadConfig(func(name string) string {
		if v, ok := overrides[name]; ok {
			return v
		}
		return env[name]
	})
}

func call(h http.Handler, method, path string) (int, map[string]string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	var body map[string]string
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	return rec.Code, body
}

func TestSettingsComeFromTheEnvironmentWithDefaults(t *testing.T) {
	cfg, err := testConfig(t, nil)
	if err != nil || cfg.MaxUploadBytes != 100 || cfg.SignedURLSeconds != 5 || cfg.Region != "us-east-1" || cfg.Port != "3000" {
		t.Fatalf("%+v %v", cfg, err)
	}
	if cfg, _ := testConfig(t, map[string]string{"MAX_UPLOAD_BYTES": ""}); cfg.MaxUploadBytes != 10<<20 {
		t.Fatalf("default limit %d", cfg.MaxUploadBytes)
	}
	if _, err := testConfig(t, map[string]string{"MAX_UPLOAD_BYTES": "ten"}); err == nil || !strings.Contains(err.Error(), "MAX_UPLOAD_BYTES") {
		t.Fatalf("a wrong limit: %v", err)
	}
	if _, err := testConfig(t, map[string]string{"S3_ENDPOINT": ""}); err == nil || !strings.Contains(err.Error(), "S3_ENDPOINT is not set") {
		t.Fatalf("no endpoint: %v", err)
	}
}

func TestHealthFollowsTheStoreWithA503AndAJSONError(t *testing.T) {
	cfg, _ := testConfig(t, nil)
	store := NewMemoryStore()
	h := NewHandler(store, cfg)
	if code, body := call(h, "GET", "/health"); code != 200 || body["status"] != "ok" {
		t.Fatalf("up: %d %v", code, body)
	}
	store.Down = true
	if code, body := call(h, "GET", "/health"); code != 503 || !strings.Contains(body["error"], "unreachable") {
		t.Fatalf("down: %d %v", code, body)
	}
}

func TestAnUnknownPathAnswers404WithAJSONError(t *testing.T) {
	cfg, _ := testConfig(t, nil)
	if code, body := call(NewHandler(NewMemoryStore(), cfg), "GET", "/nothing"); code != 404 || body["error"] == "" {
		t.Fatalf("%d %v", code, body)
	}
}
