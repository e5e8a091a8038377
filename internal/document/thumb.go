package document

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png" // evidence photos are JPEG or PNG
	"io"

	"golang.org/x/image/draw"
)

// Thumbnail sizes: the longest side, in pixels, of a picture shown in a list and of one
// opened in place.
const (
	ThumbSmall = 320
	ThumbLarge = 1600
)

// Limits of a picture Thumbnail decodes. A decoded picture takes about four bytes a pixel
// whatever its file size, so a small PNG of 100,000 × 100,000 pixels (a decompression bomb)
// would take 40 GB: its size is read from the header and refused before anything is decoded.
// 50 megapixels covers the cameras of today's phones.
const (
	MaxThumbSide   = 20000
	MaxThumbPixels = 50_000_000
)

// ErrThumbTooLarge refuses a picture larger than MaxThumbSide or MaxThumbPixels.
var ErrThumbTooLarge = errors.New("thumbnail: picture too large")

// ErrThumbFormat refuses content that is not a JPEG or PNG picture.
var ErrThumbFormat = errors.New("thumbnail: not a JPEG or PNG picture")

// Thumbnail reads a JPEG or PNG picture from r and returns it as a JPEG whose longest side is
// at most size pixels (never enlarged), transparent parts on white. The picture's dimensions
// are checked from its header before it is decoded.
func Thumbnail(r io.ReadSeeker, size int) ([]byte, error) {
	cfg, format, err := image.DecodeConfig(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrThumbFormat, err)
	}
	if format != "jpeg" && format != "png" {
		return nil, ErrThumbFormat
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxThumbSide || cfg.Height > MaxThumbSide ||
		int64(cfg.Width)*int64(cfg.Height) > MaxThumbPixels {
		return nil, ErrThumbTooLarge
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	orientation := 1
	if format == "jpeg" {
		orientation = exifOrientation(r)
		if _, err := r.Seek(0, io.SeekStart); err != nil {
			return nil, fmt.Errorf("thumbnail: %w", err)
		}
	}
	src, _, err := image.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrThumbFormat, err)
	}
	w, h := fit(src.Bounds().Dx(), src.Bounds().Dy(), size)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Over, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, orient(dst, orientation), &jpeg.Options{Quality: 82}); err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	return buf.Bytes(), nil
}

// fit scales w × h down to fit in size × size, keeping its shape; at least one pixel a side.
func fit(w, h, size int) (int, int) {
	if w <= size && h <= size {
		return w, h
	}
	if w >= h {
		return size, max(1, int(int64(h)*int64(size)/int64(w)))
	}
	return max(1, int(int64(w)*int64(size)/int64(h))), size
}

// exifOrientation reads the EXIF orientation (1–8) of a JPEG from its APP1 segment: a phone
// keeps the sensor's pixels and says how to turn them, and a browser showing the photo
// turns it, so the thumbnail must too. Anything unreadable is 1, as taken.
func exifOrientation(r io.Reader) int {
	br := io.LimitReader(r, 256<<10) // the EXIF segment comes before the picture
	var hdr [4]byte
	if _, err := io.ReadFull(br, hdr[:2]); err != nil || hdr[0] != 0xFF || hdr[1] != 0xD8 {
		return 1
	}
	for {
		if _, err := io.ReadFull(br, hdr[:4]); err != nil || hdr[0] != 0xFF {
			return 1
		}
		marker, n := hdr[1], int(binary.BigEndian.Uint16(hdr[2:]))-2
		if marker == 0xDA || n < 0 { // the picture starts: no EXIF before it
			return 1
		}
		seg := make([]byte, n)
		if _, err := io.ReadFull(br, seg); err != nil {
			return 1
		}
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return tiffOrientation(seg[6:])
		}
	}
}

// tiffOrientation finds tag 0x0112 in the first directory of a TIFF header.
func tiffOrientation(b []byte) int {
	if len(b) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(b[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	off := int(order.Uint32(b[4:]))
	if off < 8 || off+2 > len(b) {
		return 1
	}
	n := int(order.Uint16(b[off:]))
	for i := range n {
		e := off + 2 + 12*i
		if e+12 > len(b) {
			return 1
		}
		if order.Uint16(b[e:]) == 0x0112 {
			if v := int(order.Uint16(b[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orient turns and mirrors m as EXIF orientation o says, to show it upright.
func orient(m *image.RGBA, o int) image.Image {
	if o <= 1 || o > 8 {
		return m
	}
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // upside down
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored upside down
				sx, sy = x, h-1-y
			case 5: // mirrored, turned a quarter left
				sx, sy = y, x
			case 6: // to be turned a quarter right
				sx, sy = y, h-1-x
			case 7: // mirrored, turned a quarter right
				sx, sy = w-1-y, h-1-x
			case 8: // to be turned a quarter left
				sx, sy = w-1-y, x
			}
			dst.SetRGBA(x, y, m.RGBAAt(sx, sy))
		}
	}
	return dst
}
