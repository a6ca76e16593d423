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
	"testing"
	"time"
)

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startServer starts the built server and waits until it answers /health at all (200 or 503).
func startServer(t *testing.T, bin, dbURL string) string {
	t.Helper()
	port := freePort(t)
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port), "DATABASE_URL="+dbURL)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if res, err := http.Get(base + "/health"); err == nil {
			res.Body.Close()
			return base
		}
		if time.Now().After(deadline) {
			t.Fatal("the server did not answer /health within 10 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func build(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func getJSON(t *testing.T, url string) (int, map[string]any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(res.Body).Decode(&body)
	return res.StatusCode, body
}

// TestIntegrationHealth uses the PostgreSQL in DATABASE_URL.
func TestIntegrationHealth(t *testing.T) {
	dbURL := os.Getenv("DATABASE_URL")
	if dbURL == "" {
		t.Fatal("DATABASE_URL must point at a PostgreSQL database for the integration tests")
	}
	base := startServer(t, build(t), dbURL)
	if code, body := getJSON(t, base+"/health"); code != 200 || body["status"] != "ok" {
		t.Fatalf("GET /health = %d %v", code, body)
	}
	if code, _ := getJSON(t, base+"/nothing"); code != 404 {
		t.Fatalf("GET /nothing = %d, want 404", code)
	}
}

// TestIntegrationDatabaseDown: with nothing listening at the database's port, /health answers 503
// with a JSON error at once instead of hanging.
func TestIntegrationDatabaseDown(t *testing.T) {
	base := startServer(t, build(t), fmt.Sprintf("postgres://todo:todo@127.0.0.1:%d/todo", freePort(t)))
	started := time.Now()
	if code, body := getJSON(t, base+"/health"); code != 503 || body["error"] == nil {
		t.Fatalf("GET /health with the database down = %d %v", code, body)
	}
	if time.Since(started) > 5*time.Second {
		t.Fatalf("the answer took %s", time.Since(started))
	}
}
