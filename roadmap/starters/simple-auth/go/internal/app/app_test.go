package app

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var testConfig = Config{Port: 3000, DatabaseURL: "postgres://unit", LoginMaxFailures: 5, LockoutSeconds: 900}

func do(h http.Handler, method, path string) (int, map[string]any) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	var body map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	return rec.Code, body
}

func TestHealthAnswers200WhileTheStoreAnswers(t *testing.T) {
	if code, body := do(NewHandler(NewMemoryStore(), testConfig), "GET", "/health"); code != 200 || body["status"] != "ok" {
		t.Fatalf("GET /health = %d %v", code, body)
	}
}

func TestADatabaseThatCannotBeReachedAnswers503WithAJSONError(t *testing.T) {
	// Port 1 on loopback refuses at once: the real PgStore and its real error, no database needed.
	store, err := NewPgStore("postgres://nobody@127.0.0.1:1/none")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	code, body := do(NewHandler(store, testConfig), "GET", "/health")
	if _, ok := body["error"].(string); code != 503 || !ok {
		t.Fatalf("GET /health with the database down = %d %v, want 503 with an error", code, body)
	}
}

func TestAnUnknownRouteAnswers404WithAJSONError(t *testing.T) {
	code, body := do(NewHandler(NewMemoryStore(), testConfig), "GET", "/nowhere")
	if msg, _ := body["error"].(string); code != 404 || !strings.Contains(msg, "GET /nowhere") {
		t.Fatalf("GET /nowhere = %d %v", code, body)
	}
}

func TestConfigComesFromTheEnvironmentAndNamesWhatIsMissing(t *testing.T) {
	env := map[string]string{"PORT": "8080", "DATABASE_URL": "postgres://x", "LOGIN_MAX_FAILURES": "3", "LOCKOUT_SECONDS": "2"}
	c, err := LoadConfig(func(k string) string { return env[k] })
	if err != nil || c != (Config{8080, "postgres://x", 3, 2}) {
		t.Fatalf("LoadConfig = %+v, %v", c, err)
	}
	c, err = LoadConfig(func(k string) string { return map[string]string{"DATABASE_URL": "postgres://x"}[k] })
	if err != nil || c != (Config{3000, "postgres://x", 5, 900}) {
		t.Fatalf("defaults = %+v, %v", c, err)
	}
	_, err = LoadConfig(func(k string) string { return map[string]string{"LOCKOUT_SECONDS": "0"}[k] })
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL is not set; LOCKOUT_SECONDS must be a whole number above 0") {
		t.Fatalf("LoadConfig without DATABASE_URL = %v", err)
	}
}
