package app

import (
	"fmt"
	"strconv"
	"strings"
)

// Peer is one node of the cluster.
type Peer struct {
	ID  string
	URL string
}

// Config comes from the environment (twelve-factor), with defaults for a node running alone.
type Config struct {
	Port int
	// NodeID is this node's name (NODE_ID); the ring is built from names, never from addresses.
	NodeID string
	// Nodes lists every node of the cluster, this one included (NODES); empty when the node runs alone.
	Nodes []Peer
	// MaxKeys is the most keys this node holds (MAX_KEYS).
	MaxKeys int
}

// ParseNodes reads NODES: `a=http://127.0.0.1:41001,b=http://127.0.0.1:41002`.
func ParseNodes(text string) ([]Peer, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	var peers []Peer
	for _, pair := range strings.Split(text, ",") {
		id, url, ok := strings.Cut(pair, "=")
		if !ok || strings.TrimSpace(id) == "" {
			return nil, fmt.Errorf("NODES must be id=url pairs joined by commas, not %q", pair)
		}
		peers = append(peers, Peer{ID: strings.TrimSpace(id), URL: strings.TrimRight(strings.TrimSpace(url), "/")})
	}
	return peers, nil
}

// LoadConfig reads PORT, NODE_ID, NODES and MAX_KEYS through getenv (os.Getenv in main, a map in tests).
func LoadConfig(getenv func(string) string) (Config, error) {
	raw := getenv("PORT")
	if raw == "" {
		raw = "3000"
	}
	port, err := strconv.Atoi(raw)
	if err != nil || port < 1 || port > 65535 {
		return Config{}, fmt.Errorf("PORT must be a TCP port, not %q", raw)
	}
	rawMax := getenv("MAX_KEYS")
	if rawMax == "" {
		rawMax = "1000"
	}
	maxKeys, err := strconv.Atoi(rawMax)
	if err != nil || maxKeys < 1 {
		return Config{}, fmt.Errorf("MAX_KEYS must be a whole number of at least 1, not %q", rawMax)
	}
	nodes, err := ParseNodes(getenv("NODES"))
	if err != nil {
		return Config{}, err
	}
	id := getenv("NODE_ID")
	if id == "" {
		id = "solo"
	}
	return Config{Port: port, NodeID: id, Nodes: nodes, MaxKeys: maxKeys}, nil
}
