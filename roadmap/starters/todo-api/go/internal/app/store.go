package app

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Store is what the routes need from the database. The items milestone adds the item operations here.
type Store interface {
	// Ping answers nil while the database answers.
	Ping(ctx context.Context) error
	// Items milestone: Create(ctx, title), List(ctx), SetDone(ctx, id, done), Remove(ctx, id).
}

// PgStore is PostgreSQL behind a connection pool. The pool connects on the first query, so the
// server starts (and /health answers 503) while the database is down; the timeout keeps a request
// from hanging on a database that does not answer.
type PgStore struct {
	pool *pgxpool.Pool
}

func NewPgStore(url string) (*PgStore, error) {
	config, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	config.ConnConfig.ConnectTimeout = 3 * time.Second
	pool, err := pgxpool.NewWithConfig(context.Background(), config)
	if err != nil {
		return nil, err
	}
	return &PgStore{pool: pool}, nil
}

// Storage milestone: create the items table here (CREATE TABLE IF NOT EXISTS ...) and keep every
// item in it, so items survive a restart.

func (p *PgStore) Ping(ctx context.Context) error { return p.pool.Ping(ctx) }
