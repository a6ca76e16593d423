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
	cfg, err := app.ReadConfig(os.Getenv)
	if *healthcheck {
		res, err := http.Get("http://127.0.0.1:" + cfg.Port + "/health")
		if err != nil || res.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		os.Exit(0)
	}
	if err != nil {
		log.Fatal(err)
	}
	store, err := app.NewS3Store(cfg)
	if err != nil {
		log.Fatal(err)
	}
	// A store that is down now may be up later: the service starts anyway and /health answers 503 until then.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	if err := store.EnsureBucket(ctx); err != nil {
		log.Printf("could not make sure bucket %s exists: %v", cfg.Bucket, err)
	}
	cancel()
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{"level": "info", "msg": "listening", "service": "{{name}}", "port": cfg.Port, "time": time.Now().UTC().Format(time.RFC3339)})
	log.Fatal(http.ListenAndServe(":"+cfg.Port, app.NewHandler(store, cfg)))
}
