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

	"github.com/redis/go-redis/v9"

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

type server struct {
	base   string
	cmd    *exec.Cmd
	exited chan struct{}
}

func startServer(t *testing.T, bin string) *server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{base: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, exited: make(chan struct{})}
	go func() { cmd.Wait(); close(s.exited) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if res, err := http.Get(s.base + "/health"); err == nil && res.StatusCode == 200 {
			res.Body.Close()
			return s
		}
		select {
		case <-s.exited:
			t.Fatal("the server exited before it answered /health")
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the server did not answer /health within 30 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop sends SIGTERM, as a container runtime would, and waits for the exit.
func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
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

func TestIntegrationServerStartsAndHealthReportsBothServices(t *testing.T) {
	needServices(t)
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	srv := startServer(t, bin)
	defer srv.stop()
	code, health := getJSON(t, srv.base+"/health")
	if checks, _ := health["checks"].(map[string]any); code != 200 || checks["postgresql"] != "ok" || checks["redis"] != "ok" {
		t.Fatalf("health = %d %v", code, health)
	}
}

func TestIntegrationCountsAddUpEachWritePausingTheDelay(t *testing.T) {
	needServices(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	counts, err := app.ConnectPg(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer counts.Close()
	counts.Delay = 200 * time.Millisecond
	typ := fmt.Sprintf("it-%d", time.Now().UnixNano())
	started := time.Now()
	if err := counts.Add(ctx, []app.MinuteCount{{Type: typ, Minute: 60000, Count: 2}}); err != nil {
		t.Fatal(err)
	}
	if time.Since(started) < 190*time.Millisecond {
		t.Fatal("the write did not pause")
	}
	if err := counts.Add(ctx, []app.MinuteCount{{Type: typ, Minute: 60000, Count: 3}}); err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := counts.Pool.QueryRow(ctx, `SELECT count FROM minute_counts WHERE type = $1 AND minute = 60000`, typ).Scan(&n); err != nil || n != 5 {
		t.Fatalf("count = %d, %v", n, err)
	}
}

func TestIntegrationStreamEntryIsAppendedAndReadBack(t *testing.T) {
	needServices(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	log, err := app.ConnectRedis(ctx, os.Getenv("REDIS_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	stream := fmt.Sprintf("it-%d", time.Now().UnixNano())
	defer log.Client.Del(ctx, stream)
	if err := log.Client.XAdd(ctx, &redis.XAddArgs{Stream: stream, Values: map[string]any{"batch": "[]"}}).Err(); err != nil {
		t.Fatal(err)
	}
	entries, err := log.Client.XRange(ctx, stream, "-", "+").Result()
	if err != nil || len(entries) != 1 || entries[0].Values["batch"] != "[]" {
		t.Fatalf("entries = %v, %v", entries, err)
	}
}
