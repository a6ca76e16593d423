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
	// MaxAttempts is for the retries milestone: attempts a job gets before it becomes a dead letter.
	MaxAttempts int
	// RetryBaseMs is for the retries milestone: the wait before attempt 2; it doubles for every attempt after.
	RetryBaseMs int
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
	c := Config{Port: whole("PORT", "3000"), DatabaseURL: getenv("DATABASE_URL"), MaxAttempts: whole("MAX_ATTEMPTS", "5"), RetryBaseMs: whole("RETRY_BASE_MS", "2000")}
	if c.Port < 1 || c.Port > 65535 {
		problems = append(problems, "PORT must be a TCP port")
	}
	if c.DatabaseURL == "" {
		problems = append(problems, "DATABASE_URL is not set")
	}
	if c.MaxAttempts < 1 {
		problems = append(problems, "MAX_ATTEMPTS must be a whole number above 0")
	}
	if c.RetryBaseMs < 0 {
		problems = append(problems, "RETRY_BASE_MS must be a whole number of milliseconds")
	}
	if len(problems) > 0 {
		return Config{}, errors.New(strings.Join(problems, "; ") + ": copy .env.example to .env or export them")
	}
	return c, nil
}
