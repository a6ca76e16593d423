package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type published struct {
	key   string
	value string
}

func orderHandler(store OrderStore, testHooks bool) (http.Handler, *[]published) {
	sent := &[]published{}
	publish := func(_ context.Context, key string, value []byte) error {
		*sent = append(*sent, published{key, string(value)})
		return nil
	}
	return NewOrderHandler(OrderDeps{Store: store, Publish: publish, PingKafka: func(context.Context) error { return nil }, TestHooks: testHooks}), sent
}

func do(h http.Handler, method, path, body string) (int, map[string]any) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

func TestAnOrderIsStoredAndReadBack(t *testing.T) {
	h, _ := orderHandler(NewMemoryOrderStore(), false)
	status, order := do(h, "POST", "/orders", `{"sku": "ABC-1", "quantity": 2}`)
	if status != 201 || order["sku"] != "ABC-1" || order["quantity"] != float64(2) {
		t.Fatalf("POST /orders: %d %v", status, order)
	}
	if status, got := do(h, "GET", "/orders/"+order["id"].(string), ""); status != 200 || got["id"] != order["id"] {
		t.Fatalf("GET /orders/{id}: %d %v", status, got)
	}
	for _, path := range []string{"/orders/00000000-0000-4000-8000-000000000000", "/orders/not-an-id"} {
		if status, _ := do(h, "GET", path, ""); status != 404 {
			t.Fatalf("GET %s: %d, want 404", path, status)
		}
	}
}

func TestTheEdgesOfSkuAndQuantity(t *testing.T) {
	h, _ := orderHandler(NewMemoryOrderStore(), false)
	long := strings.Repeat("x", 64)
	for _, body := range []string{`{"sku": "a", "quantity": 1}`, `{"sku": "` + long + `", "quantity": 100}`} {
		if status, _ := do(h, "POST", "/orders", body); status != 201 {
			t.Fatalf("%s: %d, want 201", body, status)
		}
	}
	bad := []string{`{"sku": "a", "quantity": 0}`, `{"sku": "a", "quantity": 101}`, `{"sku": "a", "quantity": 1.5}`, `{"sku": "a", "quantity": "2"}`,
		`{"sku": "", "quantity": 1}`, `{"sku": "` + long + `x", "quantity": 1}`, `{"sku": "a b", "quantity": 1}`, `{"sku": "a"}`, `not json`}
	for _, body := range bad {
		if status, _ := do(h, "POST", "/orders", body); status != 400 {
			t.Fatalf("%s: %d, want 400", body, status)
		}
	}
}

func TestTheTestHookPublishesTheBodyAsItIsOnlyWhenEnabled(t *testing.T) {
	off, _ := orderHandler(NewMemoryOrderStore(), false)
	if status, _ := do(off, "POST", "/test/events", `{"sku": "A"}`); status != 404 {
		t.Fatalf("without TEST_HOOKS: %d, want 404", status)
	}
	on, sent := orderHandler(NewMemoryOrderStore(), true)
	event := `{"eventId": "e1", "orderId": "o1", "sku": "A", "quantity": "three"}`
	if status, _ := do(on, "POST", "/test/events", event); status != 202 {
		t.Fatalf("with TEST_HOOKS: %d, want 202", status)
	}
	if len(*sent) != 1 || (*sent)[0].key != "A" || (*sent)[0].value != event {
		t.Fatalf("published %v", *sent)
	}
}

func TestADatabaseThatFailsAnswers503WithAJSONError(t *testing.T) {
	store := NewMemoryOrderStore()
	store.Fail = errors.New("connection refused")
	h, _ := orderHandler(store, false)
	if status, body := do(h, "POST", "/orders", `{"sku": "A", "quantity": 1}`); status != 503 || body["error"] == nil {
		t.Fatalf("POST /orders with the database down: %d %v", status, body)
	}
	stock := NewMemoryStockStore()
	stock.Fail = errors.New("connection refused")
	sh := NewStockHandler(StockDeps{Store: stock, PingKafka: func(context.Context) error { return nil }, Joined: func() bool { return true }})
	if status, body := do(sh, "GET", "/stock/A", ""); status != 503 || body["error"] == nil {
		t.Fatalf("GET /stock/A with the database down: %d %v", status, body)
	}
}

func TestTheStockServiceAnswers0AndIsHealthyOnceItsConsumerJoined(t *testing.T) {
	joined := false
	h := NewStockHandler(StockDeps{Store: NewMemoryStockStore(), PingKafka: func(context.Context) error { return nil }, Joined: func() bool { return joined }})
	if status, body := do(h, "GET", "/stock/ABC-1", ""); status != 200 || body["sku"] != "ABC-1" || body["reserved"] != float64(0) {
		t.Fatalf("GET /stock/ABC-1: %d %v", status, body)
	}
	if status, _ := do(h, "GET", "/health", ""); status != 503 {
		t.Fatalf("health before the join: %d, want 503", status)
	}
	joined = true
	if status, _ := do(h, "GET", "/health", ""); status != 200 {
		t.Fatalf("health after the join: %d, want 200", status)
	}
}
