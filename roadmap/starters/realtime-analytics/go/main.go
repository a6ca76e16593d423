package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"net/http"
	"os"
	"os/signal"
	"strconv"
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

func required(name string) string {
	value := os.Getenv(name)
	if value == "" {
		fatal(name + " is not set; copy .env.example to .env or export it")
	}
	return value
}

func main() {
	healthcheck := flag.Bool("healthcheck", false, "GET /health on the local port and exit 0 when it answers 200 (for the Dockerfile's HEALTHCHECK)")
	flag.Parse()
	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	if *healthcheck {
		res, err := http.Get("http://127.0.0.1:" + port + "/health")
		if err != nil || res.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		os.Exit(0)
	}
	dbURL, redisURL := required("DATABASE_URL"), required("REDIS_URL")
	delay := time.Duration(0)
	if raw := os.Getenv("AGGREGATE_DELAY_MS"); raw != "" {
		ms, err := strconv.ParseFloat(raw, 64)
		if err != nil || ms < 0 {
			fatal("AGGREGATE_DELAY_MS must be a number of milliseconds, not " + strconv.Quote(raw))
		}
		delay = time.Duration(ms * float64(time.Millisecond))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	counts, err := app.ConnectPg(ctx, dbURL)
	if err != nil {
		fatal("cannot reach PostgreSQL at DATABASE_URL: " + err.Error())
	}
	counts.Delay = delay
	events, err := app.ConnectRedis(ctx, redisURL)
	if err != nil {
		fatal("cannot reach Redis at REDIS_URL: " + err.Error())
	}
	cancel()

	// Milestone "ingest": start the counter here, a goroutine that reads the stream in the consumer
	// group, writes counts with counts.Add, then acknowledges what it wrote.

	server := &http.Server{Addr: ":" + port, Handler: app.NewHandler(app.Deps{Counts: counts, Log: events, Logf: logJSON})}
	stopped := make(chan struct{})
	go func() {
		// On SIGTERM or Ctrl-C: stop taking requests, let in-flight ones finish (for at most 3 s),
		// close the connections.
		signals, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
		defer stop()
		<-signals.Done()
		logJSON(map[string]any{"level": "info", "msg": "shutting down"})
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = server.Shutdown(ctx)
		close(stopped)
	}()
	logJSON(map[string]any{"level": "info", "msg": "listening", "port": port})
	if err := server.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		fatal(err.Error())
	}
	<-stopped
	_ = events.Close()
	counts.Close()
}
