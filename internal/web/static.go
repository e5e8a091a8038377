package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"
)

//go:embed static
var staticFS embed.FS

// asset is one embedded static file with the hash that versions its URL.
type asset struct {
	content     []byte
	hash        string
	contentType string
}

// assets maps file names to embedded static files.
type assets struct {
	files map[string]*asset
}

func loadAssets() (*assets, error) {
	a := &assets{files: map[string]*asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		buf, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(buf)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = http.DetectContentType(buf)
		}
		a.files[path.Base(p)] = &asset{content: buf, hash: hex.EncodeToString(sum[:])[:16], contentType: ct}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: load static files: %w", err)
	}
	return a, nil
}

// url returns the content-hashed URL of a static file. An unknown name is a bug in a
// template, and the error makes rendering fail loudly.
func (a *assets) url(name string) (string, error) {
	f, ok := a.files[name]
	if !ok {
		return "", fmt.Errorf("unknown static file %q", name)
	}
	return "/static/" + f.hash + "/" + name, nil
}

// static serves an embedded file. The hash in the URL changes with the content, so the
// browser may keep it forever. A stale hash (a page from an older or newer instance) still
// gets the current file, but must not be cached as if it matched.
func (h *Handler) static(w http.ResponseWriter, r *http.Request) {
	f, ok := h.assets.files[r.PathValue("file")]
	if !ok {
		h.ErrorPage(w, r, http.StatusNotFound, "")
		return
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.PathValue("hash") == f.hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Header().Set("ETag", `"`+f.hash+`"`)
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.content))
}
