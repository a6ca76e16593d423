package app

import (
	"context"
	"errors"
	"net"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// refused is a store whose database cannot be reached.
type refused struct{ *MemoryStore }

func (refused) FindUserByEmail(context.Context, string) (User, bool, error) {
	return User{}, false, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
}

func TestDatabaseDownIsToldApartFromABug(t *testing.T) {
	cases := []struct {
		err  error
		down bool
	}{
		{&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, true},
		{&pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"}, true},
		{&pgconn.PgError{Code: "42P01", Message: `relation "tasks" does not exist`}, false},
		{errors.New("scan: wrong number of columns"), false},
	}
	for _, c := range cases {
		if got := isDatabaseDown(c.err); got != c.down {
			t.Errorf("isDatabaseDown(%v) = %v, want %v", c.err, got, c.down)
		}
	}
}

func TestARequestThatNeedsTheDatabaseWhileItIsDownAnswers503(t *testing.T) {
	code, body := call(NewHandler(refused{NewMemoryStore()}, secret), "POST", "/auth/login", "", `{"email":"a@example.com","password":"secret-password"}`)
	if code != 503 {
		t.Fatalf("login with the database down = %d %v, want 503", code, body)
	}
	if m, _ := body.(map[string]any); m == nil || m["error"] == nil {
		t.Fatalf("body = %v, want a JSON error", body)
	}
}
