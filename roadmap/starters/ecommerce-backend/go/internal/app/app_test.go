package app

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
)

func send(t *testing.T, store Store, method, path, body string) (int, map[string]any, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	NewHandler(store, Options{}).ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	var m map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &m)
	return rec.Code, m, rec.Body.String()
}

// down fails every call as a refused connection does.
type down struct{}

var errDown = errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")

func (down) Ping(context.Context) error { return errDown }
func (down) CreateProduct(context.Context, string, int, int) (Product, error) {
	return Product{}, errDown
}
func (down) ListProducts(context.Context) ([]Product, error) { return nil, errDown }
func (down) FindProduct(context.Context, string) (Product, bool, error) {
	return Product{}, false, errDown
}

func TestHealthAnswers200WhileTheStoreAnswers(t *testing.T) {
	if code, _, _ := send(t, NewMemoryStore(), "GET", "/health", ""); code != 200 {
		t.Fatalf("health = %d", code)
	}
}

func TestADatabaseErrorAnswers503WithAJSONErrorOnEveryRoute(t *testing.T) {
	for _, c := range [][3]string{{"GET", "/health", ""}, {"GET", "/products", ""}, {"GET", "/products/x", ""}, {"POST", "/products", `{"name":"Mug","priceCents":1250,"stock":3}`}} {
		code, body, _ := send(t, down{}, c[0], c[1], c[2])
		if _, ok := body["error"].(string); code != 503 || !ok {
			t.Fatalf("%s %s = %d %v, want 503 with an error", c[0], c[1], code, body)
		}
	}
}

func TestCreateThenReadAProduct(t *testing.T) {
	store := NewMemoryStore()
	code, created, _ := send(t, store, "POST", "/products", `{"name":"Mug","priceCents":1250,"stock":3}`)
	if code != 201 || created["name"] != "Mug" || created["priceCents"] != 1250.0 || created["stock"] != 3.0 {
		t.Fatalf("POST /products = %d %v", code, created)
	}
	id, _ := created["id"].(string)
	if code, got, _ := send(t, store, "GET", "/products/"+id, ""); code != 200 || got["id"] != id {
		t.Fatalf("GET /products/%s = %d %v", id, code, got)
	}
	if code, _, raw := send(t, store, "GET", "/products", ""); code != 200 || !strings.Contains(raw, id) {
		t.Fatalf("GET /products = %d %s", code, raw)
	}
}

func TestZeroIsAcceptedAndAFractionNegativeOrTextAnswers400(t *testing.T) {
	store := NewMemoryStore()
	if code, _, _ := send(t, store, "POST", "/products", `{"name":"Sticker","priceCents":0,"stock":0}`); code != 201 {
		t.Fatalf("a price and stock of 0 = %d, want 201", code)
	}
	for _, bad := range []string{`{"priceCents":100,"stock":1}`, `{"name":"","priceCents":100,"stock":1}`, `{"name":"Mug","priceCents":12.5,"stock":1}`,
		`{"name":"Mug","priceCents":-1,"stock":1}`, `{"name":"Mug","priceCents":"100","stock":1}`, `{"name":"Mug","priceCents":100,"stock":-1}`,
		`{"name":"Mug","priceCents":100,"stock":1.5}`, `{not json`} {
		if code, body, _ := send(t, store, "POST", "/products", bad); code != 400 || body["error"] == nil {
			t.Fatalf("POST /products %s = %d %v, want 400 with an error", bad, code, body)
		}
	}
	if list, _ := store.ListProducts(context.Background()); len(list) != 1 {
		t.Fatalf("%d products stored, want 1", len(list))
	}
}

func TestAnUnknownProductOrRouteAnswers404(t *testing.T) {
	for _, path := range []string{"/products/nope", "/nowhere"} {
		if code, _, _ := send(t, NewMemoryStore(), "GET", path, ""); code != 404 {
			t.Fatalf("GET %s = %d, want 404", path, code)
		}
	}
}
