package app

import (
	"fmt"
	"strconv"
)

// Config comes from the environment (twelve-factor), with defaults for local runs.
type Config struct {
	Port        int
	ServiceName string
}

// LoadConfig reads PORT and SERVICE_NAME through getenv (os.Getenv in main, a map in tests).
func LoadConfig(getenv func(string) string) (Config, error) {
	raw := getenv("PORT")
	if raw == "" {
		raw = "3000"
	}
	port, err := strconv.Atoi(raw)
	if err != nil || port < 1 || port > 65535 {
		return Config{}, fmt.Errorf("PORT must be a TCP port, not %q", raw)
	}
	name := getenv("SERVICE_NAME")
	if name == "" {
		name = "{{name}}"
	}
	return Config{Port: port, ServiceName: name}, nil
}
