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

// pageParams reads ?limit= and ?cursor= for a keyset list.
func pageParams(r *http.Request) (limit int, cursor int64, err error) {
	if limit, err = limitParam(r); err != nil {
		return 0, 0, err
	}
	cursor, err = decodeCursor(r.URL.Query().Get("cursor"))
	return limit, cursor, err
}

// limitParam reads ?limit=: 1 to kinerja.MaxLimit, kinerja.DefaultLimit when absent.
func limitParam(r *http.Request) (int, error) {
	var limit int
	if s := r.URL.Query().Get("limit"); s != "" {
		var err error
		limit, err = strconv.Atoi(s)
		if err != nil || limit < 1 || limit > kinerja.MaxLimit {
			return 0, kinerja.FieldError("limit", kinerja.MsgBadLimit)
		}
	}
	return kinerja.ClampLimit(limit), nil
}

// offsetList is the list shape for lists paged by position rather than by id (those sorted by
// name); Total counts every matching item.
type offsetList[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
	Total      int    `json:"total"`
}

// newOffsetList returns the page of items that starts at offset, out of total.
func newOffsetList[T any](items []T, offset, total int) offsetList[T] {
	if items == nil {
		items = []T{}
	}
	next := 0
	if end := offset + len(items); len(items) > 0 && end < total {
		next = end
	}
	return offsetList[T]{Items: items, NextCursor: encodeOffsetCursor(next), Total: total}
}

// Offset cursors are opaque too, and marked so a keyset cursor is not taken for one.
func encodeOffsetCursor(offset int) string {
	if offset <= 0 {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(offset)))
}

func decodeOffsetCursor(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 2 || b[0] != 'o' {
		return 0, kinerja.FieldError("cursor", kinerja.MsgBadCursor)
	}
	n, err := strconv.Atoi(string(b[1:]))
	if err != nil || n <= 0 {
		return 0, kinerja.FieldError("cursor", kinerja.MsgBadCursor)
	}
	return n, nil
}

// offsetPageParams reads ?limit= and ?cursor= for a list paged by position.
func offsetPageParams(r *http.Request) (limit, offset int, err error) {
	if limit, err = limitParam(r); err != nil {
		return 0, 0, err
	}
	offset, err = decodeOffsetCursor(r.URL.Query().Get("cursor"))
	return limit, offset, err
}

// pathID reads the {id} path value.
func pathID(r *http.Request) (int64, error) { return pathValueID(r, "id") }

// pathValueID reads the id in path value name; anything else is a path that names nothing.
func pathValueID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgNotFound)
	}
	return id, nil
}
