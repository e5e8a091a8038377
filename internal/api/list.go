package api

import (
	"encoding/base64"
	"net/http"
	"strconv"

	"kinerja/internal/kinerja"
)

// list is the list shape of CONTRACT.md.
type list[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

func newList[T any](items []T, next int64) list[T] {
	if items == nil {
		items = []T{}
	}
	return list[T]{Items: items, NextCursor: encodeCursor(next)}
}

// Cursors are opaque to clients: a keyset position, base64-encoded so nobody builds one.
func encodeCursor(id int64) string {
	if id == 0 {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte("k" + strconv.FormatInt(id, 10)))
}

func decodeCursor(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 2 || b[0] != 'k' {
		return 0, kinerja.FieldError("cursor", kinerja.MsgBadCursor)
	}
	id, err := strconv.ParseInt(string(b[1:]), 10, 64)
	if err != nil || id <= 0 {
		return 0, kinerja.FieldError("cursor", kinerja.MsgBadCursor)
	}
	return id, nil
}

// pageParams reads ?limit= and ?cursor=.
func pageParams(r *http.Request) (limit int, cursor int64, err error) {
	if s := r.URL.Query().Get("limit"); s != "" {
		limit, err = strconv.Atoi(s)
		if err != nil || limit < 1 || limit > kinerja.MaxLimit {
			return 0, 0, kinerja.FieldError("limit", kinerja.MsgBadLimit)
		}
	}
	cursor, err = decodeCursor(r.URL.Query().Get("cursor"))
	return kinerja.ClampLimit(limit), cursor, err
}

// pathID reads the {id} path value.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgNotFound)
	}
	return id, nil
}
