package app

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Order is what the order service stores.
type Order struct {
	ID       string `json:"id"`
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// OrderStore keeps orders: PostgreSQL in the service, memory in unit tests.
type OrderStore interface {
	Create(ctx context.Context, sku string, quantity int) (Order, error)
	// Find returns ok=false when there is no such order.
	Find(ctx context.Context, id string) (order Order, ok bool, err error)
	Ping(ctx context.Context) error
}

// IDPattern matches order ids, which are UUIDs; anything else can never be an order.
var IDPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// SKUPattern is what a sku may be: 1 to 64 letters, digits or hyphens.
var SKUPattern = regexp.MustCompile(`^[A-Za-z0-9-]{1,64}$`)

// NewUUID returns a random (version 4) UUID.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// MemoryOrderStore is the same contract in memory, for unit tests.
type MemoryOrderStore struct {
	mu     sync.Mutex
	orders map[string]Order
	// Fail, when set, is returned by every call: a database that is down.
	Fail error
}

func NewMemoryOrderStore() *MemoryOrderStore { return &MemoryOrderStore{orders: map[string]Order{}} }

func (m *MemoryOrderStore) Create(_ context.Context, sku string, quantity int) (Order, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return Order{}, m.Fail
	}
	order := Order{ID: NewUUID(), SKU: sku, Quantity: quantity}
	m.orders[order.ID] = order
	return order, nil
}

func (m *MemoryOrderStore) Find(_ context.Context, id string) (Order, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	order, ok := m.orders[id]
	return order, ok, m.Fail
}

func (m *MemoryOrderStore) Ping(context.Context) error { return m.Fail }

// PgOrderStore keeps orders in PostgreSQL.
type PgOrderStore struct {
	Pool *pgxpool.Pool
}

// ConnectPgOrders opens a pool and creates the orders table.
func ConnectPgOrders(ctx context.Context, url string) (*PgOrderStore, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	_, err = pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS orders (
		id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
		sku text NOT NULL,
		quantity integer NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now())`)
	if err != nil {
		pool.Close()
		return nil, err
	}
	return &PgOrderStore{Pool: pool}, nil
}

// Create stores an order.
// Milestone "events": once the order is stored, publish OrderPlaced {eventId, orderId, sku, quantity}.
// Milestone "outbox": write the order and an outbox row in ONE transaction (pgx.BeginFunc) and let the
// relay publish it.
func (s *PgOrderStore) Create(ctx context.Context, sku string, quantity int) (Order, error) {
	var o Order
	err := s.Pool.QueryRow(ctx, "INSERT INTO orders (sku, quantity) VALUES ($1, $2) RETURNING id::text, sku, quantity", sku, quantity).Scan(&o.ID, &o.SKU, &o.Quantity)
	return o, err
}

func (s *PgOrderStore) Find(ctx context.Context, id string) (Order, bool, error) {
	var o Order
	err := s.Pool.QueryRow(ctx, "SELECT id::text, sku, quantity FROM orders WHERE id = $1", id).Scan(&o.ID, &o.SKU, &o.Quantity)
	if errors.Is(err, pgx.ErrNoRows) {
		return Order{}, false, nil
	}
	return o, err == nil, err
}

func (s *PgOrderStore) Ping(ctx context.Context) error { return s.Pool.Ping(ctx) }

func (s *PgOrderStore) Close() { s.Pool.Close() }

// OrderDeps are what the order service's handlers use.
type OrderDeps struct {
	Store OrderStore
	// Publish sends a message to the order-placed topic, keyed by key.
	Publish   func(ctx context.Context, key string, value []byte) error
	PingKafka func(ctx context.Context) error
	// TestHooks (TEST_HOOKS=1) opens POST /test/events.
	TestHooks bool
	Log       Log
}

// readOrder reads {"sku", "quantity"}; ok is false when the body is not a valid order.
func readOrder(w http.ResponseWriter, r *http.Request) (sku string, quantity int, ok bool) {
	var body struct {
		SKU      *string          `json:"sku"`
		Quantity *json.RawMessage `json:"quantity"`
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.SKU == nil || !SKUPattern.MatchString(*body.SKU) || body.Quantity == nil {
		return "", 0, false
	}
	// A whole number only: 2.0 or "2" are refused.
	if err := json.Unmarshal(*body.Quantity, &quantity); err != nil || quantity < 1 || quantity > 100 {
		return "", 0, false
	}
	return *body.SKU, quantity, true
}

// NewOrderHandler returns the order service's routes.
func NewOrderHandler(d OrderDeps) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		health(w, r, map[string]func(context.Context) error{"postgresql": d.Store.Ping, "kafka": d.PingKafka})
	})
	mux.HandleFunc("POST /orders", func(w http.ResponseWriter, r *http.Request) {
		sku, quantity, ok := readOrder(w, r)
		if !ok {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": `send JSON like {"sku": "ABC-1", "quantity": 2}: a sku of 1 to 64 letters, digits or hyphens, a whole quantity from 1 to 100`})
			return
		}
		order, err := d.Store.Create(r.Context(), sku, quantity)
		if err != nil {
			unavailable(w, r, d.Log, err)
			return
		}
		w.Header().Set("Location", "/orders/"+order.ID)
		writeJSON(w, http.StatusCreated, order)
	})
	mux.HandleFunc("GET /orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		if !IDPattern.MatchString(id) {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no order " + id})
			return
		}
		order, ok, err := d.Store.Find(r.Context(), id)
		if err != nil {
			unavailable(w, r, d.Log, err)
			return
		}
		if !ok {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no order " + id})
			return
		}
		writeJSON(w, http.StatusOK, order)
	})
	// Milestone "outbox": POST /orders/{id}/republish marks the order's outbox row unsent again (202).
	// A test hook for the contract checks: publishes the body as it is, keyed by its sku.
	mux.HandleFunc("POST /test/events", func(w http.ResponseWriter, r *http.Request) {
		if !d.TestHooks {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no route for POST /test/events"})
			return
		}
		var raw json.RawMessage
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10)).Decode(&raw); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the body must be JSON of at most 16 KiB"})
			return
		}
		var keyed struct {
			SKU any `json:"sku"`
		}
		_ = json.Unmarshal(raw, &keyed)
		key, isText := keyed.SKU.(string)
		if !isText {
			key = "none"
		}
		if err := d.Publish(r.Context(), key, raw); err != nil {
			unavailable(w, r, d.Log, err)
			return
		}
		writeJSON(w, http.StatusAccepted, map[string]bool{"published": true})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no route for " + r.Method + " " + r.URL.Path})
	})
	return mux
}
