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
	"syscall"
	"testing"
	"time"
)

// The integration tests use the real services in DATABASE_URL and KAFKA_BROKERS (docker compose up -d db kafka).
func needServices(t *testing.T) {
	for _, name := range []string{"DATABASE_URL", "KAFKA_BROKERS"} {
		if os.Getenv(name) == "" {
			t.Fatalf("%s must be set for the integration tests (see .env.example)", name)
		}
	}
}

// start runs one process of the binary and waits for its /health (the stock service's waits for its consumer group).
func start(t *testing.T, bin, which string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, which)
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(60 * time.Second)
	for {
		if res, err := http.Get(base + "/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer /health within 60 s", which)
		}
		time.Sleep(100 * time.Millisecond)
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

func TestIntegrationAnOrderIsStoredAndTheStockServiceAnswersForItsSku(t *testing.T) {
	needServices(t)
	bin := filepath.Join(t.TempDir(), "shop")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	orders := start(t, bin, "orders")
	stock := start(t, bin, "stock")
	sku := fmt.Sprintf("it-%d", time.Now().UnixNano())
	res, err := http.Post(orders+"/orders", "application/json", strings.NewReader(`{"sku": "`+sku+`", "quantity": 3}`))
	if err != nil {
		t.Fatal(err)
	}
	var order map[string]any
	_ = json.NewDecoder(res.Body).Decode(&order)
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Fatalf("POST /orders: %d %v", res.StatusCode, order)
	}
	if status, got := getJSON(t, orders+"/orders/"+order["id"].(string)); status != 200 || got["sku"] != sku || got["quantity"] != float64(3) {
		t.Fatalf("GET /orders/{id}: %d %v", status, got)
	}
	if status, got := getJSON(t, stock+"/stock/"+sku); status != 200 || got["sku"] != sku {
		t.Fatalf("GET /stock/{sku}: %d %v", status, got)
	}
}
