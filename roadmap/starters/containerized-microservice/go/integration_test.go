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
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port))
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
	res, err := http.Post(base+"/items", "application/json", strings.NewReader(`{"name":"widget"}`))
	if err != nil || res.StatusCode != 201 {
		t.Fatalf("POST /items: %v %v", res, err)
	}
	var item struct{ ID int }
	_ = json.NewDecoder(res.Body).Decode(&item)
	res, err = http.Get(fmt.Sprintf("%s/items/%d", base, item.ID))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET /items/%d: %v %v", item.ID, res, err)
	}
	// The Dockerfile's HEALTHCHECK runs the binary with -healthcheck against the same port.
	hc := exec.Command(bin, "-healthcheck")
	hc.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port))
	if err := hc.Run(); err != nil {
		t.Fatal("-healthcheck failed:", err)
	}
}
