// Package blob keeps uploaded files on disk, addressed by the SHA-256 of their content, outside
// the database: the same file uploaded twice is stored once, and a stored file never changes.
package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// ErrTooLarge is returned by Stage when the content exceeds the limit.
var ErrTooLarge = errors.New("blob: content too large")

// Store is a directory of content-addressed files.
type Store struct {
	Dir string
}

// Pending is staged content: hashed and on disk, but not yet in the store.
type Pending struct {
	store  *Store
	f      *os.File
	SHA256 string
	Size   int64
}

// Stage copies r to a temporary file in the store while hashing it, up to max bytes. Content
// over max, or a read that fails (a client gone mid-upload), leaves no file behind.
func (s *Store) Stage(r io.Reader, max int64) (*Pending, error) {
	if err := os.MkdirAll(s.tmpDir(), 0o750); err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	f, err := os.CreateTemp(s.tmpDir(), "upload-*")
	if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	staged := false
	defer func() {
		// Also on a panic while copying.
		if !staged {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(r, max+1))
	if err == nil && n > max {
		err = ErrTooLarge
	}
	if err != nil {
		return nil, err
	}
	staged = true
	return &Pending{store: s, f: f, SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}

// tmpDir is where staged content waits.
func (s *Store) tmpDir() string { return filepath.Join(s.Dir, "tmp") }

// ReaderAt reads the staged content, for checking what it is.
func (p *Pending) ReaderAt() io.ReaderAt { return p.f }

// Commit moves the content into the store; content already there is kept as it is.
func (p *Pending) Commit() error {
	defer p.Discard()
	dst := p.store.path(p.SHA256)
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	if err := p.f.Sync(); err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	if err := os.Link(p.f.Name(), dst); err != nil && !os.IsExist(err) {
		return fmt.Errorf("blob: %w", err)
	}
	return nil
}

// Discard removes the staged content. It is safe to call twice.
func (p *Pending) Discard() {
	if p.f != nil {
		p.f.Close()
		os.Remove(p.f.Name())
		p.f = nil
	}
}

// SweepStaging removes staged files older than age: what a process killed in the middle of an
// upload left behind. Younger ones may belong to an upload still running, here or in another
// instance sharing the directory. It returns how many it removed.
func (s *Store) SweepStaging(age time.Duration, now time.Time) (int, error) {
	dir := filepath.Join(s.Dir, "tmp")
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("blob: %w", err)
	}
	n := 0
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() || now.Sub(info.ModTime()) < age {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err == nil {
			n++
		}
	}
	return n, nil
}

var shaPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Open returns the stored content of a hash.
func (s *Store) Open(sha string) (*os.File, error) {
	if !shaPattern.MatchString(sha) {
		return nil, fmt.Errorf("blob: bad hash %q", sha)
	}
	return os.Open(s.path(sha))
}

func (s *Store) path(sha string) string { return filepath.Join(s.Dir, sha[:2], sha[2:4], sha) }
