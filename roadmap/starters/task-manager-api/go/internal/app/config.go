package app

import (
	"errors"
	"strconv"
	"strings"
)

// Config holds the service's settings, all read from the environment (see .env.example).
type Config struct {
	Port        int
	DatabaseURL string
	JWTSecret   string // signs and checks login tokens (HS256)
	// RateLimitPerMinute is for the rate-limit milestone: requests per minute per token, or per
	// address without one. Nothing limits yet.
	RateLimitPerMinute int
}

// LoadConfig reads the configuration, or returns one error that names everything missing or wrong.
func LoadConfig(getenv func(string) string) (Config, error) {
	var problems []string
	whole := func(name, fallback string) int {
		v := getenv(name)
		if v == "" {
			v = fallback
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return -1
		}
		return n
	}
	c := Config{Port: whole("PORT", "3000"), DatabaseURL: getenv("DATABASE_URL"), JWTSecret: getenv("JWT_SECRET"), RateLimitPerMinute: whole("RATE_LIMIT_PER_MINUTE", "60")}
	if c.Port < 1 || c.Port > 65535 {
		problems = append(problems, "PORT must be a TCP port")
	}
	if c.DatabaseURL == "" {
		problems = append(problems, "DATABASE_URL is not set")
	}
	if len(c.JWTSecret) < 32 {
		problems = append(problems, "JWT_SECRET must be set to at least 32 characters")
	}
	if c.RateLimitPerMinute < 1 {
		problems = append(problems, "RATE_LIMIT_PER_MINUTE must be a whole number above 0")
	}
	if len(problems) > 0 {
		return Config{}, errors.New(strings.Join(problems, "; ") + ": copy .env.example to .env or export them")
	}
	return c, nil
}
