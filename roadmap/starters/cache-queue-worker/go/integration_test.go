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
	"strings"
	"syscall"
	"testing"
	"time"

	"{{name}}/internal/app"
)

// The integration tests use the real services in DATABASE_URL, REDIS_URL and KAFKA_BROKERS
// (docker compose up -d db redis kafka).
func needServices(t *testing.T) {
	for _, name := range []string{"DATABASE_URL", "REDIS_URL", "KAFKA_BROKERS"} {
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

func TestIntegrationHealthAndItemSurvivesRestart(t *testing.T) {
	needServices(t)
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	srv := startServer(t, bin)
	code, health := getJSON(t, srv.base+"/health")
	if checks, _ := health["checks"].(map[string]any); code != 200 || checks["postgresql"] != "ok" || checks["redis"] != "ok" || checks["kafka"] != "ok" {
		srv.stop()
		t.Fatalf("health = %d %v", code, health)
	}
	res, err := http.Post(srv.base+"/items", "application/json", strings.NewReader(`{"name":"integration"}`))
	if err != nil || res.StatusCode != 201 {
		srv.stop()
		t.Fatalf("POST /items: %v %v", res, err)
	}
	var item map[string]any
	_ = json.NewDecoder(res.Body).Decode(&item)
	res.Body.Close()
	srv.stop()
	srv = startServer(t, bin)
	defer srv.stop()
	code, read := getJSON(t, srv.base+"/items/"+item["id"].(string))
	if code != 200 || read["id"] != item["id"] || read["name"] != "integration" {
		t.Fatalf("GET /items/%v after a restart = %d %v", item["id"], code, read)
	}
}

func TestIntegrationEventReachesWorker(t *testing.T) {
	needServices(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	events, err := app.ConnectKafka(ctx, os.Getenv("KAFKA_BROKERS"), "integration-test")
	if err != nil {
		t.Fatal(err)
	}
	defer events.Close()
	sent := app.Event{EventID: app.NewUUID(), Type: "test.ping", ItemID: app.NewUUID()}
	received := make(chan app.Event, 100)
	// A group of its own, so that it reads the topic from the start and misses nothing.
	err = events.StartWorker("integration-test-"+app.NewUUID(), func(_ context.Context, e app.Event) error {
		received <- e
		return nil
	}, func(error) {})
	if err != nil {
		t.Fatal(err)
	}
	if err := events.Publish(ctx, sent); err != nil {
		t.Fatal(err)
	}
	for {
		select {
		case e := <-received:
			if e == sent {
				return
			}
		case <-ctx.Done():
			t.Fatal("no event within 30 s")
		}
	}
}
