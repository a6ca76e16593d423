//go:build integration

package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func startServer(t *testing.T, bin string) (string, *exec.Cmd) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin)
	cmd.Env = append([]string{"OIDC_CLIENT_ID=saas-app", "OIDC_CLIENT_SECRET=saas-app-secret"}, append(os.Environ(), fmt.Sprintf("PORT=%d", port))...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if res, err := http.Get(base + "/health"); err == nil && res.StatusCode == 200 {
			return base, cmd
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the server did not answer /health within 10 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, map[string]any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(res.Body).Decode(&body)
	return res.StatusCode, body
}

// TestIntegrationProviderDiscovery asks the OpenID Connect provider in OIDC_ISSUER for its discovery document.
func TestIntegrationProviderDiscovery(t *testing.T) {
	issuer := os.Getenv("OIDC_ISSUER")
	if issuer == "" {
		t.Fatal("OIDC_ISSUER must point at the OpenID Connect provider for the integration tests")
	}
	code, body := get(t, strings.TrimRight(issuer, "/")+"/.well-known/openid-configuration")
	if methods, _ := body["code_challenge_methods_supported"].([]any); code != 200 || len(methods) != 1 || methods[0] != "S256" {
		t.Fatalf("discovery = %d %v, want 200 with PKCE S256 only", code, body)
	}
}

// TestIntegrationHealthFromPostgres uses the PostgreSQL in DATABASE_URL and the provider in OIDC_ISSUER.
func TestIntegrationHealthFromPostgres(t *testing.T) {
	if os.Getenv("DATABASE_URL") == "" || os.Getenv("OIDC_ISSUER") == "" {
		t.Fatal("DATABASE_URL and OIDC_ISSUER must point at PostgreSQL and the OpenID Connect provider for the integration tests")
	}
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	base, cmd := startServer(t, bin)
	defer cmd.Process.Kill()
	if code, body := get(t, base+"/health"); code != 200 || body["status"] != "ok" {
		t.Fatalf("GET /health = %d %v", code, body)
	}
	if code, body := get(t, base+"/nowhere"); code != 404 || body["error"] == nil {
		t.Fatalf("GET /nowhere = %d %v, want 404 with an error", code, body)
	}
}
