package blob_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kinerja/internal/blob"
)

func TestStore(t *testing.T) {
	t.Parallel()
	s := &blob.Store{Dir: t.TempDir()}
	for range 2 { // storing the same content twice is fine
		p, err := s.Stage(strings.NewReader("bukti dukung"), 100)
		if err != nil {
			t.Fatal(err)
		}
		if p.Size != 12 || len(p.SHA256) != 64 {
			t.Fatalf("staged = %d bytes, %s", p.Size, p.SHA256)
		}
		if err := p.Commit(); err != nil {
			t.Fatal(err)
		}
		f, err := s.Open(p.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(f)
		f.Close()
		if string(b) != "bukti dukung" {
			t.Errorf("stored %q", b)
		}
	}
	if _, err := s.Stage(strings.NewReader(strings.Repeat("x", 101)), 100); !errors.Is(err, blob.ErrTooLarge) {
		t.Errorf("101 bytes with a limit of 100: %v; want ErrTooLarge", err)
	}
	if _, err := s.Open("../../etc/passwd"); err == nil {
		t.Error("Open accepted a path")
	}
}

// brokenReader gives some bytes, then fails (a client gone mid-upload), or panics.
type brokenReader struct {
	n     int
	panic bool
}

func (r *brokenReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		if r.panic {
			panic("reader broke")
		}
		return 0, io.ErrUnexpectedEOF
	}
	n := min(len(p), r.n)
	r.n -= n
	return n, nil
}

// TestStage_LeavesNothing stages content that is too large, cut off or whose reader panics,
// and content that is staged then discarded: none leaves a file in the staging area.
func TestStage_LeavesNothing(t *testing.T) {
	t.Parallel()
	s := &blob.Store{Dir: t.TempDir()}
	for _, r := range []io.Reader{strings.NewReader(strings.Repeat("x", 101)), &brokenReader{n: 50}} {
		if p, err := s.Stage(r, 100); err == nil {
			t.Errorf("Stage = %+v; want an error", p)
		}
	}
	func() {
		defer func() { recover() }()
		s.Stage(&brokenReader{n: 50, panic: true}, 100)
	}()
	p, err := s.Stage(strings.NewReader("bukti"), 100)
	if err != nil {
		t.Fatal(err)
	}
	p.Discard()
	p.Discard()
	entries, err := os.ReadDir(filepath.Join(s.Dir, "tmp"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("the staging area keeps %s", e.Name())
	}
}
