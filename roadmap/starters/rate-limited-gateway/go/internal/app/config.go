package app

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Config holds the gateway's settings, read once from the environment.
type Config struct {
	Port     string
	RedisURL string
	// Upstreams maps a service name to the upstream's base URL, from UPSTREAMS
	// ("users=http://127.0.0.1:4001,orders=...").
	Upstreams map[string]*url.URL
	// APIKeys is API_KEYS, comma-separated.
	APIKeys []string
	// JWTSecret (JWT_SECRET) signs the callers' HS256 tokens; empty when JWTs are not accepted.
	JWTSecret string
	// RateLimit (RATE_LIMIT) requests per caller in each window of RateWindowSeconds (RATE_WINDOW_SECONDS).
	RateLimit         int
	RateWindowSeconds int
}

// ParseUpstreams reads name=url pairs joined by commas.
func ParseUpstreams(text string) (map[string]*url.URL, error) {
	out := map[string]*url.URL{}
	for _, pair := range strings.Split(text, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		name, raw, ok := strings.Cut(pair, "=")
		u, err := url.Parse(strings.TrimSpace(raw))
		if !ok || strings.TrimSpace(name) == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("UPSTREAMS: %q is not name=url, like users=http://127.0.0.1:4001", pair)
		}
		out[strings.TrimSpace(name)] = u
	}
	return out, nil
}

func whole(getenv func(string) string, name string, fallback int) (int, error) {
	raw := getenv(name)
	if raw == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s must be a whole number of at least 1, not %q", name, raw)
	}
	return n, nil
}

// LoadConfig reads the settings; an error names the variable that is wrong.
func LoadConfig(getenv func(string) string) (Config, error) {
	c := Config{Port: getenv("PORT"), RedisURL: getenv("REDIS_URL"), JWTSecret: getenv("JWT_SECRET")}
	if c.Port == "" {
		c.Port = "3000"
	}
	if c.RedisURL == "" {
		return c, fmt.Errorf("REDIS_URL is not set; copy .env.example to .env or export it")
	}
	var err error
	if c.Upstreams, err = ParseUpstreams(getenv("UPSTREAMS")); err != nil {
		return c, err
	}
	for _, key := range strings.Split(getenv("API_KEYS"), ",") {
		if key = strings.TrimSpace(key); key != "" {
			c.APIKeys = append(c.APIKeys, key)
		}
	}
	if c.RateLimit, err = whole(getenv, "RATE_LIMIT", 60); err != nil {
		return c, err
	}
	c.RateWindowSeconds, err = whole(getenv, "RATE_WINDOW_SECONDS", 60)
	return c, err
}
