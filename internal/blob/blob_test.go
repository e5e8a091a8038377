package blob_test

import (
	"errors"
	"io"
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
