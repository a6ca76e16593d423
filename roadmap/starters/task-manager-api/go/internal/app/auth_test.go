package app

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const secret = "unit-test-secret-that-is-32-chars-long"

func TestPasswordsAreHashedAndOnlyTheRightOneChecks(t *testing.T) {
	hash, err := HashPassword("correct horse")
	if err != nil || strings.Contains(hash, "correct horse") {
		t.Fatalf("hash = %q, %v", hash, err)
	}
	if other, _ := HashPassword("correct horse"); other == hash {
		t.Fatal("two hashes of one password are equal: no salt?")
	}
	if !CheckPassword("correct horse", hash) || CheckPassword("wrong horse", hash) {
		t.Fatal("CheckPassword accepts the wrong password or refuses the right one")
	}
}

func TestTokensCarryTheUserAndAreRefusedWhenForged(t *testing.T) {
	token, err := SignToken(42, secret)
	if err != nil {
		t.Fatal(err)
	}
	if id, ok := VerifyToken(token, secret); !ok || id != 42 {
		t.Fatalf("VerifyToken = %d, %v", id, ok)
	}
	if _, ok := VerifyToken(token, secret+"-other"); ok {
		t.Error("a token signed with another secret is accepted")
	}
	parts := strings.Split(token, ".")
	if _, ok := VerifyToken(parts[0]+".eyJzdWIiOiIxIn0."+parts[2], secret); ok {
		t.Error("a tampered token is accepted")
	}
	past := time.Now().Add(-2 * time.Minute)
	expired, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{Subject: "42", ExpiresAt: jwt.NewNumericDate(past)}).SignedString([]byte(secret))
	if _, ok := VerifyToken(expired, secret); ok {
		t.Error("an expired token is accepted")
	}
	unsigned, _ := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.RegisteredClaims{Subject: "42", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if _, ok := VerifyToken(unsigned, secret); ok {
		t.Error("an unsigned (alg none) token is accepted")
	}
}

func TestConfigComesFromTheEnvironment(t *testing.T) {
	env := map[string]string{"PORT": "8080", "DATABASE_URL": "postgres://x", "JWT_SECRET": secret, "RATE_LIMIT_PER_MINUTE": "30"}
	c, err := LoadConfig(func(k string) string { return env[k] })
	if err != nil || c != (Config{Port: 8080, DatabaseURL: "postgres://x", JWTSecret: secret, RateLimitPerMinute: 30}) {
		t.Fatalf("LoadConfig = %+v, %v", c, err)
	}
	_, err = LoadConfig(func(k string) string { return map[string]string{"JWT_SECRET": "short"}[k] })
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL is not set; JWT_SECRET must be set to at least 32 characters") {
		t.Fatalf("LoadConfig without DATABASE_URL and with a short secret: %v", err)
	}
}
