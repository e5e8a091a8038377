package web_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"kinerja/internal/blob"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
	"kinerja/internal/web"
)

// photoPNG is a w × h PNG photo.
func photoPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 150, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bombPNG is a valid PNG of a few bytes whose header claims 100,000 × 100,000 pixels: decoded,
// it would take 40 GB.
func bombPNG(t *testing.T) []byte {
	t.Helper()
	b := photoPNG(t, 1, 1)
	binary.BigEndian.PutUint32(b[16:], 100000)
	binary.BigEndian.PutUint32(b[20:], 100000)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// TestVerify_Thumbnails: the queue shows an evidence photo as a thumbnail, made on the server
// once and kept under the data directory, that opens in place; the thumbnail follows the
// download's permission; a decompression bomb is refused before it is decoded.
func TestVerify_Thumbnails(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		dataDir := t.TempDir()
		srv := newTestServerConfig(t, web.Config{DB: db, Blobs: &blob.Store{Dir: filepath.Join(dataDir, "evidence")}})
		f := srv.newActivityFixture(t, "Kecamatan Asemrowo")
		staf, kasi := f.login(t, f.StafA), f.login(t, f.KasiA)
		staf.postFile("/activities", f.activityForm("Memverifikasi berkas KTP-el warga RW 03", "3"), "foto.png", photoPNG(t, 800, 600)).
			wantRedirect(t, "/activities?ok=activity_logged")
		staf.postFile("/activities", f.activityForm("Memverifikasi berkas KTP-el warga RW 04", "2"), "bom.png", bombPNG(t)).
			wantRedirect(t, "/activities?ok=activity_logged")
		list := f.stafActivities(t)
		if len(list) != 2 || len(list[0].Evidence) != 1 || len(list[1].Evidence) != 1 {
			t.Fatalf("logged %v; want two activities with a photo each", list)
		}
		bomb, photo := list[0].Evidence[0], list[1].Evidence[0]
		thumb := "/evidence/" + itoa(photo.ID) + "/thumb"

		res := kasi.get("/activities/verify")
		res.wantStatus(t, http.StatusOK)
		res.wantBody(t, `id="photo-`+itoa(photo.ID)+`"`, `src="`+thumb+`"`, `src="`+thumb+`?size=large"`,
			`<details class="evidence-photo"`, `href="/evidence/`+itoa(photo.ID)+`"`,
			`id="verify-bar"`, `id="approve-selected-button"`, `id="approve-all-form"`,
			`<input type="hidden" name="ids" value="`+itoa(list[0].ID)+`">`, `<input type="hidden" name="ids" value="`+itoa(list[1].ID)+`">`,
			`id="approve-all-button">Setujui semua di halaman ini (2)<`)

		res = kasi.get(thumb)
		res.wantStatus(t, http.StatusOK)
		if ct := res.Header.Get("Content-Type"); ct != "image/jpeg" {
			t.Errorf("thumbnail Content-Type = %q; want image/jpeg", ct)
		}
		img, err := jpeg.Decode(bytes.NewReader([]byte(res.Body)))
		if err != nil || img.Bounds().Dx() != 320 || img.Bounds().Dy() != 240 || len(res.Body) > 30<<10 {
			t.Fatalf("thumbnail = %v, %d bytes, %v; want a small 320 × 240 JPEG", img.Bounds(), len(res.Body), err)
		}
		// Kept on disk by the photo's hash: the next request reads the kept file, decoding nothing.
		cached := filepath.Join(dataDir, "thumbs", photo.SHA256+"-320.jpg")
		if b, err := os.ReadFile(cached); err != nil || string(b) != res.Body {
			t.Fatalf("the thumbnail is not kept at %s: %v", cached, err)
		}
		marker := photoJPEG(t)
		if err := os.WriteFile(cached, marker, 0o600); err != nil {
			t.Fatal(err)
		}
		if res = kasi.get(thumb); res.Body != string(marker) {
			t.Errorf("the second request made the thumbnail again instead of reading the kept one")
		}
		res = kasi.get(thumb + "?size=large")
		res.wantStatus(t, http.StatusOK)
		if img, err := jpeg.Decode(bytes.NewReader([]byte(res.Body))); err != nil || img.Bounds().Dx() != 800 {
			t.Errorf("large view = %v, %v; want the photo's own 800 pixels, not enlarged", img, err)
		}
		kasi.get(thumb+"?size=9999").wantStatus(t, http.StatusNotFound)

		// The download's permission: the employee and the supervisors, nobody else.
		staf.get(thumb).wantStatus(t, http.StatusOK)
		f.login(t, f.Camat).get(thumb).wantStatus(t, http.StatusOK)
		res = f.login(t, f.KasiB).get(thumb)
		res.wantStatus(t, http.StatusForbidden)
		res.wantNoBody(t, string(marker[:4]))
		srv.client(t).get(thumb).wantStatus(t, http.StatusSeeOther)
		staf.get("/evidence/999999/thumb").wantStatus(t, http.StatusNotFound)

		// The bomb is refused from its header: nothing is decoded (it would take 40 GB) or kept.
		res = kasi.get("/evidence/" + itoa(bomb.ID) + "/thumb")
		res.wantStatus(t, http.StatusUnprocessableEntity)
		res.wantBody(t, kinerja.MsgThumbTooLarge)
		if _, err := os.Stat(filepath.Join(dataDir, "thumbs", bomb.SHA256+"-320.jpg")); !os.IsNotExist(err) {
			t.Errorf("a thumbnail of the bomb was kept: %v", err)
		}

		// "Approve all on this page" posts every activity of the page.
		kasi.post("/activities/approve", url.Values{"ids": {itoa(list[0].ID), itoa(list[1].ID)}}).
			wantRedirect(t, "/activities/verify?ok=activities_approved")
		for _, a := range f.stafActivities(t) {
			if a.Status != kinerja.ActivityApproved {
				t.Errorf("after approving all: activity %d is %s", a.ID, a.Status)
			}
		}
		kasi.get("/activities/verify").wantBody(t, `id="verify-empty"`)
	})
}

// photoJPEG is a 2 × 2 JPEG.
func photoJPEG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 2, 2)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
