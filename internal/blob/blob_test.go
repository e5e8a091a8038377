package blob_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestSweepStaging: what a killed upload left staged is removed once old enough, while a
// recent one, perhaps an upload still running, stays.
func TestSweepStaging(t *testing.T) {
	t.Parallel()
	s := &blob.Store{Dir: t.TempDir()}
	if n, err := s.SweepStaging(time.Hour, time.Now()); n != 0 || err != nil {
		t.Fatalf("SweepStaging of a store with no staging area = %d, %v", n, err)
	}
	staged := func() []string {
		t.Helper()
		names, err := filepath.Glob(filepath.Join(s.Dir, "tmp", "*"))
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	if _, err := s.Stage(strings.NewReader("lama"), 100); err != nil { // never committed nor discarded: the process died
		t.Fatal(err)
	}
	abandoned := staged()
	if len(abandoned) != 1 {
		t.Fatalf("staged files = %v; want 1", abandoned)
	}
	long := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(abandoned[0], long, long); err != nil {
		t.Fatal(err)
	}
	recent, err := s.Stage(strings.NewReader("baru"), 100)
	if err != nil {
		t.Fatal(err)
	}
	defer recent.Discard()
	if n, err := s.SweepStaging(time.Hour, time.Now()); n != 1 || err != nil {
		t.Fatalf("SweepStaging = %d, %v; want the abandoned one removed", n, err)
	}
	if left := staged(); len(left) != 1 || left[0] == abandoned[0] {
		t.Errorf("staged files after the sweep = %v; want only the recent upload", left)
	}
}
