//go:build integration

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"{{name}}/internal/app"
)

// The integration tests use the real Redis in REDIS_URL (docker compose up -d redis).
func needRedis(t *testing.T) {
	if os.Getenv("REDIS_URL") == "" {
		t.Fatal("REDIS_URL must be set for the integration tests (see .env.example)")
	}
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func TestIntegrationTheGatewayStartsOnRedisAnswersHealthAndStopsOnSIGTERM(t *testing.T) {
	needRedis(t)
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	port := freePort(t)
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer cmd.Process.Kill()
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/health", port))
		if err == nil {
			var body map[string]any
			_ = json.NewDecoder(res.Body).Decode(&body)
			res.Body.Close()
			if res.StatusCode != 200 || body["status"] != "ok" {
				t.Fatalf("health = %d %v", res.StatusCode, body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the gateway did not answer /health within 30 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the gateway did not stop within 10 s of SIGTERM")
	}
}

func TestIntegrationWithRedisGoneTheGatewayAnswers503WithAJSONError(t *testing.T) {
	needRedis(t)
	buckets, err := app.ConnectRedis(context.Background(), os.Getenv("REDIS_URL"))
	if err != nil {
		t.Fatal(err)
	}
	buckets.Client.Close()
	// As when Redis goes away: the same client settings, at an address where nothing listens.
	buckets.Client = redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", freePort(t)), DialTimeout: 2 * time.Second})
	defer buckets.Close()
	config, err := app.LoadConfig(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app.NewHandler(app.Deps{Config: config, Buckets: buckets}))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/health")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body map[string]string
	_ = json.NewDecoder(res.Body).Decode(&body)
	if res.StatusCode != 503 || body["error"] == "" {
		t.Fatalf("health with Redis gone = %d %v", res.StatusCode, body)
	}
}
