// Package app holds the shop's HTTP handlers.
package app

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"strings"
	"time"
)

// Options are the service's settings from its environment.
type Options struct {
	// PaymentDelay is how long a charge takes (PAYMENT_DELAY_MS): a stand-in for the payment
	// provider's round trip, used by the payments milestone.
	PaymentDelay time.Duration
}

// NewHandler returns the routes.
func NewHandler(store Store, opts Options) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		if err := store.Ping(r.Context()); err != nil {
			databaseError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("POST /products", func(w http.ResponseWriter, r *http.Request) {
		// Pointers tell a missing field from 0; a fraction or text in an int field fails to decode.
		var body struct {
			Name       *string `json:"name"`
			PriceCents *int    `json:"priceCents"`
			Stock      *int    `json:"stock"`
		}
		if !readJSON(w, r, &body) {
			return
		}
		switch {
		case body.Name == nil || strings.TrimSpace(*body.Name) == "":
			writeError(w, http.StatusBadRequest, "name must be non-empty text")
		case body.PriceCents == nil || *body.PriceCents < 0:
			writeError(w, http.StatusBadRequest, "priceCents must be a whole number of cents, 0 or more")
		case body.Stock == nil || *body.Stock < 0:
			writeError(w, http.StatusBadRequest, "stock must be a whole number, 0 or more")
		default:
			p, err := store.CreateProduct(r.Context(), *body.Name, *body.PriceCents, *body.Stock)
			if err != nil {
				databaseError(w, err)
				return
			}
			writeJSON(w, http.StatusCreated, p)
		}
	})
	mux.HandleFunc("GET /products", func(w http.ResponseWriter, r *http.Request) {
		list, err := store.ListProducts(r.Context())
		if err != nil {
			databaseError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, list)
	})
	mux.HandleFunc("GET /products/{id}", func(w http.ResponseWriter, r *http.Request) {
		p, ok, err := store.FindProduct(r.Context(), r.PathValue("id"))
		switch {
		case err != nil:
			databaseError(w, err)
		case !ok:
			writeError(w, http.StatusNotFound, "no product "+r.PathValue("id"))
		default:
			writeJSON(w, http.StatusOK, p)
		}
	})
	// Catalog milestone: POST /carts, POST /carts/{id}/items, GET /carts/{id}.
	// Orders milestone: POST /carts/{id}/checkout, GET /orders/{id}.
	// Payments milestone: POST /orders/{id}/payments with an Idempotency-Key header.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no route for "+r.Method+" "+r.URL.Path)
	})
	return withTimeout(mux)
}

// withTimeout gives every request 5 s of database time: a database that stops answering fails
// the request with 503 instead of hanging it.
func withTimeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// readJSON decodes the body into v, or answers 400 and returns false.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "the body must be JSON of at most 16 KiB with the fields of the right types: "+err.Error())
		return false
	}
	return true
}

// databaseError answers 503 with a JSON error: the database is down or did not answer in time.
func databaseError(w http.ResponseWriter, err error) {
	log.Printf(`{"level":"error","msg":"database error","error":%q}`, err.Error())
	writeError(w, http.StatusServiceUnavailable, "the database is unavailable; try again shortly")
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
