// One binary for the three processes: `shop orders` (the order service), `shop stock` (the stock
// service) and `shop relay` (the outbox relay); starter.json starts all three.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"{{name}}/internal/app"
)

var logMu sync.Mutex

// logger writes one JSON line per entry to standard output, tagged with the process's name.
func logger(service string) app.Log {
	return func(fields map[string]any) {
		entry := map[string]any{"time": time.Now().UTC().Format(time.RFC3339Nano), "service": service}
		for k, v := range fields {
			entry[k] = v
		}
		logMu.Lock()
		defer logMu.Unlock()
		_ = json.NewEncoder(os.Stdout).Encode(entry)
	}
}

func fatal(log app.Log, msg string) {
	log(map[string]any{"level": "error", "msg": msg})
	os.Exit(1)
}

func required(log app.Log, name string) string {
	value := os.Getenv(name)
	if value == "" {
		fatal(log, name+" is not set; copy .env.example to .env or export it")
	}
	return value
}

func port(fallback string) string {
	if p := os.Getenv("PORT"); p != "" {
		return p
	}
	return fallback
}

// serve runs handler on PORT until SIGTERM or Ctrl-C, letting in-flight requests finish (for at most 3 s).
func serve(log app.Log, p string, handler http.Handler) {
	server := &http.Server{Addr: ":" + p, Handler: handler}
	stopped := make(chan struct{})
	go func() {
		signals, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
		defer stop()
		<-signals.Done()
		log(map[string]any{"level": "info", "msg": "shutting down"})
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = server.Shutdown(ctx)
		close(stopped)
	}()
	log(map[string]any{"level": "info", "msg": "listening", "port": p})
	if err := server.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		fatal(log, err.Error())
	}
	<-stopped
}

func orders() {
	log := logger("{{name}}-orders")
	dbURL, brokers := required(log, "DATABASE_URL"), required(log, "KAFKA_BROKERS")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	store, err := app.ConnectPgOrders(ctx, dbURL)
	if err != nil {
		fatal(log, "cannot reach PostgreSQL at DATABASE_URL: "+err.Error())
	}
	publisher, err := app.ConnectPublisher(ctx, brokers, "{{name}}-orders")
	if err != nil {
		fatal(log, "cannot reach Kafka at KAFKA_BROKERS: "+err.Error())
	}
	cancel()
	serve(log, port("3000"), app.NewOrderHandler(app.OrderDeps{Store: store, Publish: publisher.Publish, PingKafka: publisher.Ping, TestHooks: os.Getenv("TEST_HOOKS") == "1", Log: log}))
	publisher.Close()
	store.Close()
}

func stock() {
	log := logger("{{name}}-stock")
	dbURL, brokers := required(log, "DATABASE_URL"), required(log, "KAFKA_BROKERS")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	store, err := app.ConnectPgStock(ctx, dbURL)
	if err != nil {
		fatal(log, "cannot reach PostgreSQL at DATABASE_URL: "+err.Error())
	}
	subscriber, err := app.ConnectSubscriber(ctx, brokers, "{{name}}-stock", "{{name}}-stock")
	if err != nil {
		fatal(log, "cannot reach Kafka at KAFKA_BROKERS: "+err.Error())
	}
	cancel()
	// The consumer: one member of the group '{{name}}-stock'. For now it only logs what arrives.
	// Milestone "events": parse the OrderPlaced event and reserve its quantity for its sku.
	// Milestone "contracts": validate it against contracts/order-placed.schema.json first; one that
	// breaks it goes to the dead letters and is not applied.
	handle := func(_ context.Context, value []byte) error {
		log(map[string]any{"level": "info", "msg": "event received", "event": string(value)})
		return nil
	}
	subscriber.Start(handle, func(err error) { log(map[string]any{"level": "warn", "msg": "consumer", "error": err.Error()}) })
	serve(log, port("3001"), app.NewStockHandler(app.StockDeps{Store: store, PingKafka: subscriber.Ping, Joined: subscriber.Joined, Log: log}))
	subscriber.Close()
	store.Close()
}

func relay() {
	log := logger("{{name}}-relay")
	dbURL, brokers := required(log, "DATABASE_URL"), required(log, "KAFKA_BROKERS")
	poll := 200 * time.Millisecond
	if raw := os.Getenv("RELAY_POLL_MS"); raw != "" {
		ms, err := strconv.Atoi(raw)
		if err != nil || ms < 1 {
			fatal(log, "RELAY_POLL_MS must be a whole number of milliseconds, not "+strconv.Quote(raw))
		}
		poll = time.Duration(ms) * time.Millisecond
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	// The relay creates no tables: the order service owns the outbox.
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		fatal(log, "DATABASE_URL is not a PostgreSQL URL: "+err.Error())
	}
	publisher, err := app.ConnectPublisher(ctx, brokers, "{{name}}-relay")
	if err != nil {
		fatal(log, "cannot reach Kafka at KAFKA_BROKERS: "+err.Error())
	}
	log(map[string]any{"level": "info", "msg": "relay running", "pollMs": poll.Milliseconds()})
	for ctx.Err() == nil {
		if _, err := app.RelayOnce(ctx, pool, publisher); err != nil && ctx.Err() == nil {
			// PostgreSQL or Kafka may be down: try again on the next round.
			log(map[string]any{"level": "warn", "msg": "relay round failed", "error": err.Error()})
		}
		select {
		case <-ctx.Done():
		case <-time.After(poll):
		}
	}
	log(map[string]any{"level": "info", "msg": "shutting down"})
	publisher.Close()
	pool.Close()
}

func main() {
	if len(os.Args) == 3 && os.Args[2] == "-healthcheck" {
		// For the Dockerfile's HEALTHCHECK: no shell or wget in the image.
		res, err := http.Get("http://127.0.0.1:" + port("3000") + "/health")
		if err != nil || res.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		os.Exit(0)
	}
	switch {
	case len(os.Args) == 2 && os.Args[1] == "orders":
		orders()
	case len(os.Args) == 2 && os.Args[1] == "stock":
		stock()
	case len(os.Args) == 2 && os.Args[1] == "relay":
		relay()
	default:
		fmt.Fprintln(os.Stderr, "usage: {{name}} orders|stock|relay   (the order service, the stock service, the outbox relay)")
		os.Exit(2)
	}
}
