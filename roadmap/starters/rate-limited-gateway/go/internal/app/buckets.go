package app

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// KeyPrefix starts every Redis key of this gateway, so several apps can share one Redis.
const KeyPrefix = "{{name}}:"

// Buckets is where the callers' rate-limit buckets live. For now it is only pinged by GET /health;
// milestone 4 (limits) adds a method that takes one token from a caller's bucket in Redis.
type Buckets interface {
	Ping(ctx context.Context) error
}

// MemoryBuckets is for unit tests.
type MemoryBuckets struct{}

func (*MemoryBuckets) Ping(context.Context) error { return nil }

// RedisBuckets is Redis through go-redis.
type RedisBuckets struct{ Client *redis.Client }

func ConnectRedis(ctx context.Context, url string) (*RedisBuckets, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	// Short timeouts: while Redis is down, a request fails within 2 s (a 503) instead of hanging.
	opts.DialTimeout = 2 * time.Second
	opts.ReadTimeout = 2 * time.Second
	opts.WriteTimeout = 2 * time.Second
	client := redis.NewClient(opts)
	if err := client.Ping(ctx).Err(); err != nil {
		client.Close()
		return nil, err
	}
	return &RedisBuckets{Client: client}, nil
}

func (r *RedisBuckets) Ping(ctx context.Context) error { return r.Client.Ping(ctx).Err() }

func (r *RedisBuckets) Close() error { return r.Client.Close() }
