package app

import (
	"fmt"
	"net/url"
	"strconv"
)

// Config is the service's settings, read once from the environment.
type Config struct {
	Port       string
	S3Endpoint *url.URL
	AccessKey  string
	SecretKey  string
	Bucket     string
	Region     string
	// MaxUploadBytes (MAX_UPLOAD_BYTES) is the largest file accepted, in bytes.
	MaxUploadBytes int64
	// SignedURLSeconds (SIGNED_URL_SECONDS) is how long a signed download link is valid.
	SignedURLSeconds int
}

// ReadConfig reads the settings through getenv (os.Getenv in main); a wrong value is an error that says which.
func ReadConfig(getenv func(string) string) (Config, error) {
	c := Config{Port: getenv("PORT"), Region: getenv("S3_REGION")}
	if c.Port == "" {
		c.Port = "3000"
	}
	if c.Region == "" {
		c.Region = "us-east-1"
	}
	for name, into := range map[string]*string{"S3_ACCESS_KEY_ID": &c.AccessKey, "S3_SECRET_ACCESS_KEY": &c.SecretKey, "S3_BUCKET": &c.Bucket} {
		if *into = getenv(name); *into == "" {
			return c, fmt.Errorf("%s is not set; copy .env.example to .env or export it", name)
		}
	}
	raw := getenv("S3_ENDPOINT")
	if raw == "" {
		return c, fmt.Errorf("S3_ENDPOINT is not set; copy .env.example to .env or export it")
	}
	endpoint, err := url.Parse(raw)
	if err != nil || (endpoint.Scheme != "http" && endpoint.Scheme != "https") || endpoint.Host == "" {
		return c, fmt.Errorf("S3_ENDPOINT must be a URL such as http://127.0.0.1:7070, not %q", raw)
	}
	c.S3Endpoint = endpoint
	max, err := whole(getenv, "MAX_UPLOAD_BYTES", 10<<20)
	if err != nil {
		return c, err
	}
	c.MaxUploadBytes = int64(max)
	c.SignedURLSeconds, err = whole(getenv, "SIGNED_URL_SECONDS", 300)
	return c, err
}

func whole(getenv func(string) string, name string, fallback int) (int, error) {
	raw := getenv(name)
	if raw == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s must be a whole number of at least 1, not %q", name, raw)
	}
	return n, nil
}
