package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

// Thumbnail is a picture of an evidence photo, scaled down and kept on disk.
type Thumbnail struct {
	Evidence *kinerja.Evidence
	Path     string // the cached JPEG
	Size     int
}

// Serve sends the thumbnail as a JPEG to show in a page. It is private (the evidence is), and
// never changes for an evidence file, so the browser may keep it for a day.
func (t *Thumbnail) Serve(w http.ResponseWriter, r *http.Request) {
	f, err := os.Open(t.Path)
	if err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	hdr := w.Header()
	hdr.Set("Content-Type", "image/jpeg")
	hdr.Set("Content-Disposition", "inline")
	hdr.Set("Cache-Control", "private, max-age=86400")
	hdr.Set("ETag", `"`+t.Evidence.SHA256+"-"+strconv.Itoa(t.Size)+`"`)
	http.ServeContent(w, r, "", t.Evidence.CreatedAt, f)
}

// thumbDir is where thumbnails are kept: "thumbs" beside the evidence directory, in the data
// directory. They are a cache: removing them costs only their making again.
func (a *App) thumbDir() string { return filepath.Join(filepath.Dir(a.blobs.Dir), "thumbs") }

// EvidenceThumbnail returns a JPEG of an evidence photo the caller may see (the rule of
// OpenEvidence), its longest side at most size pixels (document.ThumbSmall or ThumbLarge). It
// is made on the first request and kept under the data directory as <sha256>-<size>.jpg;
// later requests read the kept file. A file that is no photo is not found; a picture too
// large to decode safely is refused before it is decoded.
func (a *App) EvidenceThumbnail(ctx context.Context, id int64, size int) (*Thumbnail, error) {
	if size != document.ThumbSmall && size != document.ThumbLarge {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgEvidenceNotFound)
	}
	v, err := a.db.FindEvidence(ctx, id)
	if err != nil {
		return nil, err
	}
	if v.ContentType != "image/jpeg" && v.ContentType != "image/png" {
		return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgThumbNone)
	}
	if a.blobs == nil {
		return nil, errors.New("evidence thumbnail: no file store configured")
	}
	t := &Thumbnail{Evidence: v, Size: size,
		Path: filepath.Join(a.thumbDir(), v.SHA256+"-"+strconv.Itoa(size)+".jpg")}
	if _, err := os.Stat(t.Path); err == nil {
		return t, nil
	}
	f, err := a.blobs.Open(v.SHA256)
	if err != nil {
		return nil, fmt.Errorf("evidence thumbnail %d: %w", v.ID, err)
	}
	defer f.Close()
	b, err := document.Thumbnail(f, size)
	switch {
	case errors.Is(err, document.ErrThumbTooLarge):
		return nil, &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgThumbTooLarge, Err: err}
	case errors.Is(err, document.ErrThumbFormat):
		return nil, &kinerja.Error{Code: kinerja.ENOTFOUND, Message: kinerja.MsgThumbNone, Err: err}
	case err != nil:
		return nil, fmt.Errorf("evidence thumbnail %d: %w", v.ID, err)
	}
	if err := writeFileAtomic(t.Path, b); err != nil {
		return nil, fmt.Errorf("evidence thumbnail %d: %w", v.ID, err)
	}
	return t, nil
}

// writeFileAtomic writes b to path through a temporary file renamed into place, so that two
// requests making the same thumbnail at once, or a crash, never leave half a file.
func writeFileAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".thumb-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
