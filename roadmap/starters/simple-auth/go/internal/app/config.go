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
	// LoginMaxFailures and LockoutSeconds are for the lockout milestone: failed logins in a row for
	// one email before it is locked, and for how long. Nothing locks yet.
	LoginMaxFailures int
	LockoutSeconds   int
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
	c := Config{Port: whole("PORT", "3000"), DatabaseURL: getenv("DATABASE_URL"), LoginMaxFailures: whole("LOGIN_MAX_FAILURES", "5"), LockoutSeconds: whole("LOCKOUT_SECONDS", "900")}
	if c.Port < 1 || c.Port > 65535 {
		problems = append(problems, "PORT must be a TCP port")
	}
	if c.DatabaseURL == "" {
		problems = append(problems, "DATABASE_URL is not set")
	}
	if c.LoginMaxFailures < 1 {
		problems = append(problems, "LOGIN_MAX_FAILURES must be a whole number above 0")
	}
	if c.LockoutSeconds < 1 {
		problems = append(problems, "LOCKOUT_SECONDS must be a whole number above 0")
	}
	if len(problems) > 0 {
		return Config{}, errors.New(strings.Join(problems, "; ") + ": copy .env.example to .env or export them")
	}
	return c, nil
}
