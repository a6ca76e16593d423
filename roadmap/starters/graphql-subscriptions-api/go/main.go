package main

import (
	"context"
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"
	"time"

	"{{name}}/internal/app"
)

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
	dbURL := os.Getenv("DATABASE_URL")
	if dbURL == "" {
		log.Fatal("DATABASE_URL is not set; copy .env.example to .env or export it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	store, err := app.ConnectPg(ctx, dbURL)
	cancel()
	if err != nil {
		log.Fatalf("cannot reach PostgreSQL at DATABASE_URL: %v", err)
	}
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{"level": "info", "msg": "listening", "service": "{{name}}", "port": port, "time": time.Now().UTC().Format(time.RFC3339)})
	log.Fatal(http.ListenAndServe(":"+port, app.NewHandler(store, app.NewSchema(store))))
}
