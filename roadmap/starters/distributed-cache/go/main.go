package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"{{name}}/internal/app"
)

func main() {
	healthcheck := flag.Bool("healthcheck", false, "GET /health on the local port and exit 0 when it answers 200 (for the Dockerfile's HEALTHCHECK)")
	flag.Parse()
	cfg, err := app.LoadConfig(os.Getenv)
	if err != nil {
		log.Fatal(err)
	}
	addr := fmt.Sprintf(":%d", cfg.Port)
	if *healthcheck {
		res, err := http.Get("http://127.0.0.1" + addr + "/health")
		if err != nil || res.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		os.Exit(0)
	}
	// One JSON object per line: log collectors parse it without rules.
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{"level": "info", "msg": "listening", "node": cfg.NodeID, "peers": len(cfg.Nodes), "port": cfg.Port, "time": time.Now().UTC().Format(time.RFC3339)})
	log.Fatal(http.ListenAndServe(addr, app.NewHandler(app.NewNode(cfg))))
}
