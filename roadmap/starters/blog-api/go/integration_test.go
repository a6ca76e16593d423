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
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port))
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

// TestIntegrationPostsSurviveRestart uses the PostgreSQL in DATABASE_URL.
func TestIntegrationPostsSurviveRestart(t *testing.T) {
	if os.Getenv("DATABASE_URL") == "" {
		t.Fatal("DATABASE_URL must point at a PostgreSQL database for the integration tests")
	}
	bin := filepath.Join(t.TempDir(), "blog")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	base, cmd := startServer(t, bin)
	res, err := http.Post(base+"/posts", "application/json", strings.NewReader(`{"title":"Hello","body":"Kept in PostgreSQL"}`))
	if err != nil || res.StatusCode != 201 {
		t.Fatalf("POST /posts: %v %v", res, err)
	}
	var post map[string]any
	_ = json.NewDecoder(res.Body).Decode(&post)
	cmd.Process.Kill()
	cmd.Wait()
	base, cmd = startServer(t, bin)
	defer cmd.Process.Kill()
	got, err := http.Get(fmt.Sprintf("%s/posts/%v", base, post["id"]))
	if err != nil || got.StatusCode != 200 {
		t.Fatalf("GET /posts/%v after a restart: %v %v", post["id"], got, err)
	}
	var again map[string]any
	_ = json.NewDecoder(got.Body).Decode(&again)
	if again["title"] != "Hello" {
		t.Fatalf("GET /posts/%v after a restart = %v", post["id"], again)
	}
}
