package app

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var testEnv = map[string]string{"DATABASE_URL": "postgres://unit", "OIDC_ISSUER": "http://localhost:4000", "OIDC_CLIENT_ID": "saas-app", "OIDC_CLIENT_SECRET": "saas-app-secret"}

var testConfig, _ = LoadConfig(func(k string) string { return testEnv[k] })

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
	env := map[string]string{"PORT": "8080", "TENANT_RATE_LIMIT": "3", "TENANT_RATE_WINDOW_SECONDS": "2", "TENANT_MAX_NOTES": "4"}
	for k, v := range testEnv {
		env[k] = v
	}
	c, err := LoadConfig(func(k string) string { return env[k] })
	if err != nil || c != (Config{8080, "postgres://unit", "http://localhost:4000", "saas-app", "saas-app-secret", 3, 2, 4}) {
		t.Fatalf("LoadConfig = %+v, %v", c, err)
	}
	if testConfig != (Config{3000, "postgres://unit", "http://localhost:4000", "saas-app", "saas-app-secret", 100, 60, 1000}) {
		t.Fatalf("defaults = %+v", testConfig)
	}
	_, err = LoadConfig(func(k string) string { return map[string]string{"TENANT_MAX_NOTES": "0"}[k] })
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL is not set; OIDC_ISSUER is not set; OIDC_CLIENT_ID is not set; OIDC_CLIENT_SECRET is not set; TENANT_MAX_NOTES must be a whole number above 0") {
		t.Fatalf("LoadConfig without DATABASE_URL = %v", err)
	}
}
