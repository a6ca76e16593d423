package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"{{name}}/internal/app"
)

var logMu sync.Mutex

// logJSON writes one JSON line to standard output.
func logJSON(fields map[string]any) {
	entry := map[string]any{"time": time.Now().UTC().Format(time.RFC3339Nano), "service": "{{name}}"}
	for k, v := range fields {
		entry[k] = v
	}
	logMu.Lock()
	defer logMu.Unlock()
	_ = json.NewEncoder(os.Stdout).Encode(entry)
}

func fatal(msg string) {
	logJSON(map[string]any{"level": "error", "msg": msg})
	os.Exit(1)
}

func main() {
	healthcheck := flag.Bool("healthcheck", false, "GET /health on the local port and exit 0 when it answers 200 (for the Dockerfile's HEALTHCHECK)")
	flag.Parse()
	if *healthcheck {
		port := os.Getenv("PORT")
		if port == "" {
			port = "3000"
		}
		res, err := http.Get("http://127.0.0.1:" + port + "/health")
		if err != nil || res.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		os.Exit(0)
	}
	config, err := app.LoadConfig(os.Getenv)
	if err != nil {
		fatal(err.Error())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	buckets, err := app.ConnectRedis(ctx, config.RedisURL)
	cancel()
	if err != nil {
		fatal("cannot reach Redis at REDIS_URL: " + err.Error())
	}

	server := &http.Server{Addr: ":" + config.Port, Handler: app.NewHandler(app.Deps{Config: config, Buckets: buckets, Log: logJSON})}
	stopped := make(chan struct{})
	go func() {
		// On SIGTERM or Ctrl-C: stop taking requests, let in-flight ones finish (for at most 3 s).
		signals, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
		defer stop()
		<-signals.Done()
		logJSON(map[string]any{"level": "info", "msg": "shutting down"})
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = server.Shutdown(ctx)
		close(stopped)
	}()
	names := []string{}
	for name := range config.Upstreams {
		names = append(names, name)
	}
	logJSON(map[string]any{"level": "info", "msg": "listening", "port": config.Port, "upstreams": names})
	if err := server.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		fatal(err.Error())
	}
	<-stopped
	_ = buckets.Close()
}
