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

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func build(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_BUCKET"} {
		if os.Getenv(name) == "" {
			t.Fatalf("%s must be set for the integration tests (see .env.example)", name)
		}
	}
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startServer starts the binary with env added and waits until /health answers at all.
func startServer(t *testing.T, bin string, env ...string) string {
	t.Helper()
	port := freePort(t)
	cmd := exec.Command(bin)
	cmd.Env = append(append(os.Environ(), env...), fmt.Sprintf("PORT=%d", port))
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

func getJSON(t *testing.T, url string) (int, map[string]string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body map[string]string
	_ = json.NewDecoder(res.Body).Decode(&body)
	return res.StatusCode, body
}

// TestIntegrationHealth uses the S3 store in S3_ENDPOINT, then one that is down.
func TestIntegrationHealth(t *testing.T) {
	bin := build(t)
	if code, body := getJSON(t, startServer(t, bin)+"/health"); code != 200 || body["status"] != "ok" {
		t.Fatalf("with the store: %d %v", code, body)
	}
	down := startServer(t, bin, fmt.Sprintf("S3_ENDPOINT=http://127.0.0.1:%d", freePort(t)))
	if code, body := getJSON(t, down+"/health"); code != 503 || !strings.Contains(body["error"], "store") {
		t.Fatalf("with the store down: %d %v", code, body)
	}
}
