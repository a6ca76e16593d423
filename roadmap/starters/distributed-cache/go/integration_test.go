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

// TestIntegrationServer builds and starts the real binary, then talks to it over HTTP.
func TestIntegrationServer(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "service")
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
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port), "NODE_ID=a", fmt.Sprintf("NODES=a=http://127.0.0.1:%d", port))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, err := http.Get(base + "/health")
		if err == nil && res.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server did not answer /health within 10 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	req, _ := http.NewRequest("PUT", base+"/cache/color", strings.NewReader(`{"value":"blue"}`))
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("PUT /cache/color: %v %v", res, err)
	}
	res, err = http.Get(base + "/cache/color")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET /cache/color: %v %v", res, err)
	}
	var got struct{ Key, Value string }
	_ = json.NewDecoder(res.Body).Decode(&got)
	if got.Key != "color" || got.Value != "blue" {
		t.Fatalf("GET /cache/color = %+v", got)
	}
	// The Dockerfile's HEALTHCHECK runs the binary with -healthcheck against the same port.
	hc := exec.Command(bin, "-healthcheck")
	hc.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port))
	if err := hc.Run(); err != nil {
		t.Fatal("-healthcheck failed:", err)
	}
}
