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
	"testing"
	"time"

	"{{name}}/internal/app"
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

func getJSON(t *testing.T, url string) (int, map[string]any) {
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

func stopServer(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(os.Interrupt)
	_ = cmd.Wait()
}

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

func TestIntegrationHealthAndBalancesKeptInPostgreSQLAcrossARestart(t *testing.T) {
	bin := buildServer(t)
	account := fmt.Sprintf("it-%d", time.Now().UnixNano())
	base, cmd := startServer(t, bin)
	if code, _ := getJSON(t, base+"/health"); code != 200 {
		t.Fatalf("health: %d", code)
	}
	if code, body := getJSON(t, base+"/accounts/"+account); code != 200 || body["balance"] != 0.0 {
		t.Fatalf("new account: %d %v", code, body)
	}
	store, err := app.ConnectPg(context.Background(), os.Getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Credit(context.Background(), account, 5); err != nil {
		t.Fatal(err)
	}
	store.Close()
	stopServer(cmd)

	base, cmd = startServer(t, bin)
	defer stopServer(cmd)
	if _, body := getJSON(t, base+"/accounts/"+account); body["balance"] != 5.0 {
		t.Fatalf("after a restart: %v", body)
	}
}

func TestIntegrationADatabaseThatDoesNotAnswerGives503WithAJSONError(t *testing.T) {
	// Port 1 on loopback refuses connections: the same failure as a stopped PostgreSQL.
	pool, err := app.NewPgPool("postgres://nobody:nothing@127.0.0.1:1/none")
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	h := app.NewHandler(app.NewPgStore(pool))
	started := time.Now()
	for _, path := range []string{"/accounts/ada", "/health"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		var body map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		if _, ok := body["error"].(string); rec.Code != 503 || !ok {
			t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body.String())
		}
	}
	if time.Since(started) > 5*time.Second {
		t.Fatalf("took %s", time.Since(started))
	}
}
