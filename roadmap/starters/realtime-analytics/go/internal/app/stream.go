package app

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// The Redis stream accepted events go to, and the consumer group that counts them.
const (
	Stream = "{{name}}-events"
	Group  = "{{name}}-counter"
)

// EventLog is the event log. For now it is only pinged by GET /health; the ingest milestone
// appends to it.
type EventLog interface {
	Ping(ctx context.Context) error
}

// MemoryLog is for unit tests.
type MemoryLog struct{}

func (MemoryLog) Ping(context.Context) error { return nil }

// RedisLog is a Redis stream through go-redis. The ingest milestone appends each accepted batch
// with XADD before answering 202, and a consumer group (XGROUP CREATE ... MKSTREAM, XREADGROUP,
// XACK) counts the entries: an entry read but not acknowledged when the process dies stays pending,
// and is read again (XREADGROUP with id 0) after a restart.
type RedisLog struct{ Client *redis.Client }

func ConnectRedis(ctx context.Context, url string) (*RedisLog, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	opts.DialTimeout = 2 * time.Second
	opts.ReadTimeout = 2 * time.Second
	opts.WriteTimeout = 2 * time.Second
	client := redis.NewClient(opts)
	if err := client.Ping(ctx).Err(); err != nil {
		client.Close()
		return nil, err
	}
	return &RedisLog{Client: client}, nil
}

func (r *RedisLog) Ping(ctx context.Context) error { return r.Client.Ping(ctx).Err() }

func (r *RedisLog) Close() error { return r.Client.Close() }
