package app

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cache sits in front of the home page. For now it is only pinged by GET /health.
// Milestone "performance": add Get, Set and Drop, so that GET /posts is read from Redis and every
// write of a post drops the cached list.
type Cache interface {
	Ping(ctx context.Context) error
}

// MemoryCache is for unit tests.
type MemoryCache struct{}

func (MemoryCache) Ping(context.Context) error { return nil }

// RedisCache is Redis through go-redis.
type RedisCache struct{ Client *redis.Client }

func ConnectRedis(ctx context.Context, url string) (*RedisCache, error) {
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
	return &RedisCache{Client: client}, nil
}

func (r *RedisCache) Ping(ctx context.Context) error { return r.Client.Ping(ctx).Err() }

func (r *RedisCache) Close() error { return r.Client.Close() }
