//go:build integration

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"{{name}}/internal/app"
)

// The integration tests use the real services in DATABASE_URL and REDIS_URL
// (docker compose up -d db redis).
func needServices(t *testing.T) {
	for _, name := range []string{"DATABASE_URL", "REDIS_URL"} {
		if os.Getenv(name) == "" {
			t.Fatalf("%s must be set for the integration tests (see .env.example)", name)
		}
	}
}

func TestIntegrationHealthAndHomePage(t *testing.T) {
	needServices(t)
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin)
	secret := os.Getenv("JWT_SECRET")
	if secret == "" {
		secret = "integration-test-secret-of-32-characters"
	}
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port), "JWT_SECRET="+secret)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if res, err := http.Get(base + "/health"); err == nil && res.StatusCode == 200 {
			res.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server did not answer /health within 30 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	res, err := http.Get(base + "/posts")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET /posts: %v %v", res, err)
	}
	var posts []app.Post
	if err := json.NewDecoder(res.Body).Decode(&posts); err != nil {
		t.Fatalf("GET /posts is not a JSON list: %v", err)
	}
	res.Body.Close()
}

func TestIntegrationTheHomePageQueryWaitsSlowQueryMs(t *testing.T) {
	needServices(t)
	ctx := context.Background()
	store, err := app.ConnectPg(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	store.SlowQuery = 150 * time.Millisecond
	started := time.Now()
	if _, err := store.ListPosts(ctx); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(started); took < 145*time.Millisecond {
		t.Fatalf("the list query took %v: it sleeps SLOW_QUERY_MS", took)
	}
	cache, err := app.ConnectRedis(ctx, os.Getenv("REDIS_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer cache.Close()
}
