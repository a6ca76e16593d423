package app

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Product is one thing for sale. Money is always a whole number of cents (12.50 is 1250), so sums
// never pick up rounding errors.
type Product struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	PriceCents int    `json:"priceCents"`
	Stock      int    `json:"stock"`
}

// Store is what the handlers need of the database. Catalog milestone: carts and their items go
// here; orders milestone: the checkout (one transaction); payments milestone: payments and
// idempotency keys.
type Store interface {
	Ping(ctx context.Context) error
	CreateProduct(ctx context.Context, name string, priceCents, stock int) (Product, error)
	ListProducts(ctx context.Context) ([]Product, error)
	// FindProduct returns false when there is no product with the id.
	FindProduct(ctx context.Context, id string) (Product, bool, error)
}

// MemoryStore is the same contract in memory, for unit tests.
type MemoryStore struct {
	mu       sync.Mutex
	products []Product
}

func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

func (m *MemoryStore) Ping(context.Context) error { return nil }

func (m *MemoryStore) CreateProduct(_ context.Context, name string, priceCents, stock int) (Product, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	p := Product{ID: fmt.Sprintf("%x", b), Name: name, PriceCents: priceCents, Stock: stock}
	m.products = append(m.products, p)
	return p, nil
}

func (m *MemoryStore) ListProducts(context.Context) ([]Product, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Product{}, m.products...), nil
}

func (m *MemoryStore) FindProduct(_ context.Context, id string) (Product, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range m.products {
		if p.ID == id {
			return p, true, nil
		}
	}
	return Product{}, false, nil
}

// schema is created at start. Ids are text (random UUIDs), so any id in a URL is a plain lookup.
const schema = `
CREATE TABLE IF NOT EXISTS products (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  name text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  stock integer NOT NULL CHECK (stock >= 0),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);`

// PgStore keeps everything in PostgreSQL.
type PgStore struct {
	pool *pgxpool.Pool
}

func ConnectPg(ctx context.Context, url string) (*PgStore, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	if _, err := pool.Exec(ctx, schema); err != nil {
		pool.Close()
		return nil, err
	}
	return &PgStore{pool: pool}, nil
}

func (p *PgStore) Ping(ctx context.Context) error {
	_, err := p.pool.Exec(ctx, `SELECT 1`)
	return err
}

func (p *PgStore) CreateProduct(ctx context.Context, name string, priceCents, stock int) (Product, error) {
	var out Product
	err := p.pool.QueryRow(ctx, `INSERT INTO products (name, price_cents, stock) VALUES ($1, $2, $3) RETURNING id, name, price_cents, stock`,
		name, priceCents, stock).Scan(&out.ID, &out.Name, &out.PriceCents, &out.Stock)
	return out, err
}

func (p *PgStore) ListProducts(ctx context.Context) ([]Product, error) {
	rows, err := p.pool.Query(ctx, `SELECT id, name, price_cents, stock FROM products ORDER BY created_at, id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (Product, error) {
		var out Product
		err := row.Scan(&out.ID, &out.Name, &out.PriceCents, &out.Stock)
		return out, err
	})
}

func (p *PgStore) FindProduct(ctx context.Context, id string) (Product, bool, error) {
	var out Product
	err := p.pool.QueryRow(ctx, `SELECT id, name, price_cents, stock FROM products WHERE id = $1`, id).Scan(&out.ID, &out.Name, &out.PriceCents, &out.Stock)
	if errors.Is(err, pgx.ErrNoRows) {
		return Product{}, false, nil
	}
	return out, err == nil, err
}
