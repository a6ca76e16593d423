package app

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

// RelayOnce is one round of the outbox relay.
// Milestone "outbox": read the unsent outbox rows in the order they were written, publish each (keyed
// by its sku) and mark it sent only once Kafka has it. It returns how many it published.
func RelayOnce(ctx context.Context, pool *pgxpool.Pool, publisher *Publisher) (int, error) {
	return 0, nil
}
