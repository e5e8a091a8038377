package app_test

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kinerja/internal/app"
	"kinerja/internal/blob"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

func pngFile(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// staged lists the files waiting in the store's staging area.
func staged(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "tmp"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// TestEvidence stages, attaches and opens an evidence file as both surfaces do: a file is told
// by its content, a refused one leaves nothing staged, and the download keeps the uploaded
// name with the extension of what the content is.
func TestEvidence(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		o := sqldbtest.MustCreateOrg(t, db, "Kecamatan Bukti")
		db.Now = func() time.Time { return time.Date(2026, 3, 11, 3, 0, 0, 0, time.UTC) }
		period, err := db.CreatePeriod(o.Admin, kinerja.NewPeriod{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		s, err := db.CreateSKP(o.CamatCtx, o.Camat.ID, period.ID, kinerja.ApproachQuantitative)
		if err != nil {
			t.Fatal(err)
		}
		res, err := db.AddResult(o.CamatCtx, s.ID, kinerja.ResultInput{Kind: kinerja.ResultMain, Text: "Pelayanan prima",
			Indicators: []kinerja.IndicatorInput{{Aspect: kinerja.AspectQuantity, Text: "Layanan", Target: "12", Unit: "laporan"}}})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		a := app.New(db, &blob.Store{Dir: dir})
		target := sqldb.EvidenceTarget{ResultID: &res.ID}

		if _, err := a.EvidenceLimit(o.StafACtx, target); kinerja.ErrorCode(err) == "" {
			t.Errorf("EvidenceLimit for another's RHK = nil; want refused")
		}
		limit, err := a.EvidenceLimit(o.CamatCtx, target)
		if err != nil || limit != 10<<20 {
			t.Fatalf("EvidenceLimit = %d, %v; want the default 10 MB", limit, err)
		}

		tests := []struct {
			name    string
			content []byte
			limit   int64
			tooBig  bool
		}{
			{"an executable named .pdf", []byte("MZ\x90\x00\x03\x00\x00\x00" + strings.Repeat("\x00", 100)), limit, false},
			{"a photo over the limit", pngFile(t), 10, true},
		}
		for _, tt := range tests {
			_, err := a.StageEvidence(bytes.NewReader(tt.content), "laporan.pdf", tt.limit)
			if kinerja.ErrorFields(err)["file"] == "" || errors.Is(err, blob.ErrTooLarge) != tt.tooBig {
				t.Errorf("%s: StageEvidence = %v; want an error on file (too large: %v)", tt.name, err, tt.tooBig)
			}
			if left := staged(t, dir); len(left) != 0 {
				t.Errorf("%s: %d files left staged", tt.name, len(left))
			}
		}

		photo := pngFile(t)
		up, err := a.StageEvidence(bytes.NewReader(photo), `C:\Foto\kegiatan.jpg`, limit)
		if err != nil || up.ContentType != "image/png" || up.Filename != "kegiatan.jpg" {
			t.Fatalf("StageEvidence = %+v, %v; want a PNG named kegiatan.jpg", up, err)
		}
		v, err := a.AttachEvidence(o.CamatCtx, target, up)
		if err != nil {
			t.Fatalf("AttachEvidence = %v", err)
		}
		if left := staged(t, dir); len(left) != 0 {
			t.Errorf("after attaching, %d files left staged", len(left))
		}
		f, err := a.OpenEvidence(o.CamatCtx, v.ID)
		if err != nil {
			t.Fatalf("OpenEvidence = %v", err)
		}
		defer f.Close()
		got, _ := io.ReadAll(f.Content)
		if !bytes.Equal(got, photo) || f.Disposition != `attachment; filename="kegiatan.png"` {
			t.Errorf("opened %d bytes as %q; want the photo as kegiatan.png", len(got), f.Disposition)
		}
		if _, err := a.OpenEvidence(o.StafACtx, v.ID); kinerja.ErrorCode(err) != kinerja.EFORBIDDEN {
			t.Errorf("staff opens the Camat's evidence: %v; want forbidden", err)
		}
	})
}
