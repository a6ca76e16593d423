// Package app holds the task manager's HTTP handlers.
package app

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

var email = regexp.MustCompile(`^[^@\s]+@[^@\s]+$`)

type userKey struct{}

// NewHandler returns the routes; jwtSecret signs and checks login tokens.
func NewHandler(store Store, jwtSecret string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		if err := store.Ping(r.Context()); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("POST /auth/register", func(w http.ResponseWriter, r *http.Request) {
		creds, ok := readCredentials(w, r)
		if !ok || len(creds.Password) < 8 {
			writeError(w, http.StatusBadRequest, `send JSON like {"email": "you@example.com", "password": "at least 8 characters"}`)
			return
		}
		hash, err := HashPassword(creds.Password)
		if err != nil {
			writeError(w, http.StatusBadRequest, "the password must be at most 72 bytes")
			return
		}
		user, err := store.CreateUser(r.Context(), creds.Email, hash)
		switch {
		case errors.Is(err, ErrEmailTaken):
			writeError(w, http.StatusConflict, "that email is already registered")
		case err != nil:
			serverError(w, err)
		default:
			writeJSON(w, http.StatusCreated, map[string]any{"id": user.ID, "email": user.Email})
		}
	})
	mux.HandleFunc("POST /auth/login", func(w http.ResponseWriter, r *http.Request) {
		creds, ok := readCredentials(w, r)
		var user User
		var found bool
		if ok {
			var err error
			if user, found, err = store.FindUserByEmail(r.Context(), creds.Email); err != nil {
				serverError(w, err)
				return
			}
		}
		// The same answer for an unknown email and a wrong password: no hint which emails exist.
		if !found || !CheckPassword(creds.Password, user.PasswordHash) {
			writeError(w, http.StatusUnauthorized, "wrong email or password")
			return
		}
		token, err := SignToken(user.ID, jwtSecret)
		if err != nil {
			serverError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"token": token})
	})

	// Task routes: only for a caller with a valid token.
	tasks := http.NewServeMux()
	tasks.HandleFunc("POST /tasks", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Title string `json:"title"`
		}
		r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Title == "" {
			writeError(w, http.StatusBadRequest, `send JSON like {"title": "Write the README"}`)
			return
		}
		task, err := store.CreateTask(r.Context(), userID(r), body.Title)
		if err != nil {
			serverError(w, err)
			return
		}
		w.Header().Set("Location", "/tasks/"+strconv.FormatInt(task.ID, 10))
		writeJSON(w, http.StatusCreated, task)
	})
	tasks.HandleFunc("GET /tasks", func(w http.ResponseWriter, r *http.Request) {
		list, err := store.ListTasks(r.Context(), userID(r))
		if err != nil {
			serverError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, list)
	})
	authed := requireUser(jwtSecret, tasks)
	mux.Handle("/tasks", authed)
	mux.Handle("/tasks/", authed)
	return mux
}

// requireUser answers 401 unless the request carries "Authorization: Bearer <valid token>";
// handlers behind it read the caller's id with userID.
func requireUser(jwtSecret string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		id, valid := VerifyToken(strings.TrimSpace(token), jwtSecret)
		if !ok || !valid {
			w.Header().Set("WWW-Authenticate", "Bearer")
			writeError(w, http.StatusUnauthorized, "send Authorization: Bearer <token>, with a token from POST /auth/login")
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, id)))
	})
}

func userID(r *http.Request) int64 { return r.Context().Value(userKey{}).(int64) }

type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func readCredentials(w http.ResponseWriter, r *http.Request) (credentials, bool) {
	var c credentials
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
		return c, false
	}
	c.Email = strings.ToLower(strings.TrimSpace(c.Email))
	return c, email.MatchString(c.Email)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}

func serverError(w http.ResponseWriter, err error) {
	log.Printf("request failed: %v", err)
	if isDatabaseDown(err) {
		writeError(w, http.StatusServiceUnavailable, "the database is unavailable; try again shortly")
		return
	}
	writeError(w, http.StatusInternalServerError, "something went wrong on our side")
}
