package server

import (
	"fmt"
	"net/http"

	"github.com/klauspost/compress/gzhttp"
)

// compress gzips answers for clients that accept it: pages, JSON, CSS, SVG. Content that is
// compressed already (photos, PDF, XLSX) and small answers are sent as they are. A random
// padding keeps the length of a compressed page from telling a secret in it (BREACH).
func compress(next http.Handler) (http.Handler, error) {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(1024), gzhttp.RandomJitter(32, 0, false))
	if err != nil {
		return nil, fmt.Errorf("compression: %w", err)
	}
	return wrap(next), nil
}
