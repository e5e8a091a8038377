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

// rotatedJPEG is an 80 × 40 JPEG, red on the left and blue on the right, whose EXIF says to
// turn it a quarter right (orientation 6), as a phone held upright writes it.
func rotatedJPEG(t *testing.T, orientation uint16) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 80, 40))
	for x := range 80 {
		for y := range 40 {
			c := color.RGBA{220, 0, 0, 255}
			if x >= 40 {
				c = color.RGBA{0, 0, 220, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	exif := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00")
	binary.BigEndian.PutUint16(exif[24:], orientation)
	seg := append([]byte{0xFF, 0xE1, 0, 0}, exif...)
	binary.BigEndian.PutUint16(seg[2:], uint16(len(exif)+2))
	b := buf.Bytes()
	return append(append(append([]byte{}, b[:2]...), seg...), b[2:]...)
}

// TestThumbnail_Orientation: a phone photo is shown upright, as the browser shows the file.
func TestThumbnail_Orientation(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		orientation   uint16
		w, h          int
		redAt, blueAt image.Point
	}{
		{1, 80, 40, image.Pt(10, 20), image.Pt(70, 20)},
		{3, 80, 40, image.Pt(70, 20), image.Pt(10, 20)},
		{6, 40, 80, image.Pt(20, 10), image.Pt(20, 70)}, // the left side goes up
		{8, 40, 80, image.Pt(20, 70), image.Pt(20, 10)},
	} {
		b, err := document.Thumbnail(bytes.NewReader(rotatedJPEG(t, tt.orientation)), document.ThumbSmall)
		if err != nil {
			t.Fatalf("orientation %d: %v", tt.orientation, err)
		}
		img, err := jpeg.Decode(bytes.NewReader(b))
		if err != nil || img.Bounds().Dx() != tt.w || img.Bounds().Dy() != tt.h {
			t.Fatalf("orientation %d: thumbnail %v, %v; want %d × %d", tt.orientation, img.Bounds(), err, tt.w, tt.h)
		}
		red, _, _, _ := img.At(tt.redAt.X, tt.redAt.Y).RGBA()
		_, _, blue, _ := img.At(tt.blueAt.X, tt.blueAt.Y).RGBA()
		if red < 0x9000 || blue < 0x9000 {
			t.Errorf("orientation %d: red at %v is %x, blue at %v is %x; want the photo upright", tt.orientation, tt.redAt, red, tt.blueAt, blue)
		}
	}
}
