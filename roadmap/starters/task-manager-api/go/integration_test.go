//go:build integration

package main

import (
	"bytes"
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

func startServer(t *testing.T, bin string) (string, *exec.Cmd) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	secret := os.Getenv("JWT_SECRET")
	if secret == "" {
		secret = "integration-test-secret-of-32-characters"
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port), "JWT_SECRET="+secret)
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

// send makes one JSON request and decodes the JSON answer into out (when out is not nil).
func send(t *testing.T, method, url, token string, body, out any) int {
	t.Helper()
	var data bytes.Buffer
	if body != nil {
		_ = json.NewEncoder(&data).Encode(body)
	}
	req, _ := http.NewRequest(method, url, &data)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	if out != nil {
		_ = json.NewDecoder(res.Body).Decode(out)
	}
	return res.StatusCode
}

type task struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Done  bool   `json:"done"`
}

// TestIntegrationTasksSurviveRestart uses the PostgreSQL in DATABASE_URL.
func TestIntegrationTasksSurviveRestart(t *testing.T) {
	if os.Getenv("DATABASE_URL") == "" {
		t.Fatal("DATABASE_URL must point at a PostgreSQL database for the integration tests")
	}
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	creds := map[string]string{"email": fmt.Sprintf("it-%d@example.com", time.Now().UnixNano()), "password": "integration-password"}
	base, cmd := startServer(t, bin)
	if code := send(t, "POST", base+"/auth/register", "", creds, nil); code != 201 {
		t.Fatalf("register = %d", code)
	}
	if code := send(t, "POST", base+"/auth/register", "", creds, nil); code != 409 {
		t.Fatalf("register again = %d, want 409", code)
	}
	var login struct{ Token string }
	if code := send(t, "POST", base+"/auth/login", "", creds, &login); code != 200 || login.Token == "" {
		t.Fatalf("login = %d %+v", code, login)
	}
	var created task
	if code := send(t, "POST", base+"/tasks", login.Token, map[string]string{"title": "Survive a restart"}, &created); code != 201 {
		t.Fatalf("POST /tasks = %d", code)
	}
	if code := send(t, "GET", base+"/tasks", "", nil, nil); code != 401 {
		t.Fatalf("GET /tasks without a token = %d, want 401", code)
	}
	cmd.Process.Kill()
	cmd.Wait()

	base, cmd = startServer(t, bin)
	defer cmd.Process.Kill()
	var list []task
	if code := send(t, "GET", base+"/tasks", login.Token, nil, &list); code != 200 || len(list) != 1 || list[0] != (task{created.ID, "Survive a restart", false}) {
		t.Fatalf("GET /tasks after a restart = %d %+v", code, list)
	}
}
