package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// peerClient waits this long for a peer before it counts it as down.
var peerClient = &http.Client{Timeout: 2 * time.Second}

// Reply is a status and a JSON body, from this node or another.
type Reply struct {
	Status int
	Body   any
}

// CallPeer makes one HTTP call to another node. A peer that does not answer (stopped, unreachable,
// too slow) gives 503 with a JSON error, so a caller can try the next holder of a key, and a client
// never sees a crash or a hang.
func CallPeer(baseURL, method, path string, body any, headers map[string]string) Reply {
	down := func(err error) Reply {
		return Reply{http.StatusServiceUnavailable, map[string]string{"error": fmt.Sprintf("the node at %s did not answer %s %s: %v", baseURL, method, path, err)}}
	}
	var reader io.Reader
	if body != nil {
		data, _ := json.Marshal(body)
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, baseURL+path, reader)
	if err != nil {
		return down(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := peerClient.Do(req)
	if err != nil {
		return down(err)
	}
	defer res.Body.Close()
	var out any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil && err != io.EOF {
		return down(err)
	}
	return Reply{res.StatusCode, out}
}
