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
	"testing"
	"time"

	"github.com/coder/websocket"
)

func startServer(t *testing.T, bin string) (int, *exec.Cmd) {
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
	deadline := time.Now().Add(10 * time.Second)
	for {
		if res, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/health", port)); err == nil && res.StatusCode == 200 {
			return port, cmd
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the server did not answer /health within 10 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestIntegrationWebSocketAnswersNonJSONWithAnError uses the PostgreSQL in DATABASE_URL.
func TestIntegrationWebSocketAnswersNonJSONWithAnError(t *testing.T) {
	if os.Getenv("DATABASE_URL") == "" {
		t.Fatal("DATABASE_URL must point at a PostgreSQL database for the integration tests")
	}
	bin := filepath.Join(t.TempDir(), "chat")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	port, cmd := startServer(t, bin)
	defer cmd.Process.Kill()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, fmt.Sprintf("ws://127.0.0.1:%d/ws?room=lobby", port), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	for _, frame := range []string{"not JSON", "{still not"} {
		if err := conn.Write(ctx, websocket.MessageText, []byte(frame)); err != nil {
			t.Fatal(err)
		}
		_, data, err := conn.Read(ctx)
		var got map[string]any
		if err != nil || json.Unmarshal(data, &got) != nil || got["type"] != "error" {
			t.Fatalf("after %q got %s (%v), want an error frame", frame, data, err)
		}
	}
}
