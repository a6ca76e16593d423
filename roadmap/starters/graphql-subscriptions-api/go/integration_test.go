//go:build integration

package main

import (
	"bytes"
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

// buildServer builds the service once per test into a temporary folder.
func buildServer(t *testing.T) string {
	t.Helper()
	if os.Getenv("DATABASE_URL") == "" {
		t.Fatal("DATABASE_URL must point at a PostgreSQL database for the integration tests")
	}
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

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
	cmd.Stderr = os.Stderr
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

func gql(t *testing.T, port int, query string, variables map[string]any) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": variables})
	res, err := http.Post(fmt.Sprintf("http://127.0.0.1:%d/graphql", port), "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != 200 {
		t.Fatalf("%s answered %d (%v)", query, res.StatusCode, err)
	}
	return out
}

// TestIntegrationAnAuthorIsStoredAndReadBackAfterARestart uses the PostgreSQL in DATABASE_URL.
func TestIntegrationAnAuthorIsStoredAndReadBackAfterARestart(t *testing.T) {
	bin := buildServer(t)
	port, first := startServer(t, bin)
	created := gql(t, port, `mutation ($n: String!) { createAuthor(name: $n) { id name } }`, map[string]any{"n": "Grace"})
	first.Process.Kill()
	first.Wait()
	id := created["data"].(map[string]any)["createAuthor"].(map[string]any)["id"]
	port, second := startServer(t, bin)
	defer second.Process.Kill()
	read, _ := json.Marshal(gql(t, port, `query ($id: ID!) { author(id: $id) { name } }`, map[string]any{"id": id}))
	if string(read) != `{"data":{"author":{"name":"Grace"}}}` {
		t.Fatalf("after a restart author(%v) = %s", id, read)
	}
}

func TestIntegrationGraphQLSpeaksGraphQLWS(t *testing.T) {
	port, cmd := startServer(t, buildServer(t))
	defer cmd.Process.Kill()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, fmt.Sprintf("ws://127.0.0.1:%d/graphql", port), &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	if err := conn.Write(ctx, websocket.MessageText, []byte(`{"type": "connection_init"}`)); err != nil {
		t.Fatal(err)
	}
	_, data, err := conn.Read(ctx)
	if err != nil || !bytes.Equal(bytes.TrimSpace(data), []byte(`{"type":"connection_ack"}`)) {
		t.Fatalf("connection_init got %s (%v), want connection_ack", data, err)
	}
}
