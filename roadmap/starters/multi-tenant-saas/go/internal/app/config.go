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
	// For the sso milestone: the provider's URL (its discovery document is under /.well-known/) and this app's client.
	OIDCIssuer       string
	OIDCClientID     string
	OIDCClientSecret string
	// For the quotas milestone: requests to /notes one tenant may send in each window of
	// TenantRateWindowSeconds, and the most notes one tenant may keep.
	TenantRateLimit         int
	TenantRateWindowSeconds int
	TenantMaxNotes          int
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
	c := Config{
		Port: whole("PORT", "3000"), DatabaseURL: getenv("DATABASE_URL"),
		OIDCIssuer: getenv("OIDC_ISSUER"), OIDCClientID: getenv("OIDC_CLIENT_ID"), OIDCClientSecret: getenv("OIDC_CLIENT_SECRET"),
		TenantRateLimit: whole("TENANT_RATE_LIMIT", "100"), TenantRateWindowSeconds: whole("TENANT_RATE_WINDOW_SECONDS", "60"), TenantMaxNotes: whole("TENANT_MAX_NOTES", "1000"),
	}
	if c.Port < 1 || c.Port > 65535 {
		problems = append(problems, "PORT must be a TCP port")
	}
	for _, v := range []struct{ name, value string }{{"DATABASE_URL", c.DatabaseURL}, {"OIDC_ISSUER", c.OIDCIssuer}, {"OIDC_CLIENT_ID", c.OIDCClientID}, {"OIDC_CLIENT_SECRET", c.OIDCClientSecret}} {
		if v.value == "" {
			problems = append(problems, v.name+" is not set")
		}
	}
	for _, v := range []struct {
		name  string
		value int
	}{{"TENANT_RATE_LIMIT", c.TenantRateLimit}, {"TENANT_RATE_WINDOW_SECONDS", c.TenantRateWindowSeconds}, {"TENANT_MAX_NOTES", c.TenantMaxNotes}} {
		if v.value < 1 {
			problems = append(problems, v.name+" must be a whole number above 0")
		}
	}
	if len(problems) > 0 {
		return Config{}, errors.New(strings.Join(problems, "; ") + ": copy .env.example to .env or export them")
	}
	return c, nil
}
