package document_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"kinerja/internal/document"
)

// picture is a w × h PNG.
func picture(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// HugePNG is a small, valid PNG whose header claims w × h pixels: a decompression bomb's
// shape. Decoding it would allocate w × h × 4 bytes.
func HugePNG(t testing.TB, w, h uint32) []byte {
	t.Helper()
	b := picture(t, 1, 1)
	// The IHDR chunk: length (8), type (12), width (16), height (20) … and its CRC over type
	// and data (29).
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func TestThumbnail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		in           []byte
		size         int
		wantW, wantH int
		wantErr      error
	}{
		{"landscape", picture(t, 800, 600), document.ThumbSmall, 320, 240, nil},
		{"portrait", picture(t, 300, 1200), document.ThumbSmall, 80, 320, nil},
		{"small is not enlarged", picture(t, 40, 30), document.ThumbSmall, 40, 30, nil},
		{"large view", picture(t, 800, 600), document.ThumbLarge, 800, 600, nil},
		{"bomb", HugePNG(t, 100000, 100000), document.ThumbSmall, 0, 0, document.ErrThumbTooLarge},
		{"too many pixels", HugePNG(t, 10000, 10000), document.ThumbSmall, 0, 0, document.ErrThumbTooLarge},
		{"too wide", HugePNG(t, 30000, 10), document.ThumbSmall, 0, 0, document.ErrThumbTooLarge},
		{"a PDF", []byte("%PDF-1.7\n1 0 obj\n"), document.ThumbSmall, 0, 0, document.ErrThumbFormat},
	}
	for _, tt := range tests {
		b, err := document.Thumbnail(bytes.NewReader(tt.in), tt.size)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: Thumbnail = %v; want %v", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: Thumbnail = %v", tt.name, err)
			continue
		}
		img, err := jpeg.Decode(bytes.NewReader(b))
		if err != nil || img.Bounds().Dx() != tt.wantW || img.Bounds().Dy() != tt.wantH {
			t.Errorf("%s: Thumbnail is %v, %v; want a %d × %d JPEG", tt.name, img.Bounds(), err, tt.wantW, tt.wantH)
		}
	}
}
