package document

import (
	"bytes"
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
	src, _, err := image.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrThumbFormat, err)
	}
	w, h := fit(src.Bounds().Dx(), src.Bounds().Dy(), size)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Over, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82}); err != nil {
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
