package document

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Office files (XLSX, DOCX) are ZIP archives, and a ZIP archive can claim to unpack to far
// more than it weighs: a 600 KB "zip bomb" unpacks to gigabytes. Before any part of one is
// decompressed, its central directory is checked against limits that real files stay well
// inside. Lying about sizes there does not help: archive/zip stops reading a part at the
// size its directory entry declares (ErrFormat), so the declared sizes bound what is read.

// zipLimits bound what an archive may unpack to.
type zipLimits struct {
	entries int    // parts in the archive
	total   uint64 // declared uncompressed bytes of all parts together
	ratio   uint64 // uncompressed / compressed bytes of a part over ratioFloor
}

// ratioFloor is the size from which a part's compression ratio is checked: small parts, such
// as an empty sheet, compress far better than large ones and unpack to nothing much.
const ratioFloor = 1 << 20

// maxZipRatio is the largest compression ratio accepted for a large part. Real spreadsheets
// and documents compress 3 to 20 times (an export of 20,000 employees: 15); Deflate's limit
// is about 1,030, which only crafted parts come near.
const maxZipRatio = 100

// maxZipEntries bounds the parts of an Office file: a workbook has a dozen or two, a long
// report with pictures a few hundred.
const maxZipEntries = 1000

// errZipLimit is the cause of a refusal by zipLimits.
var errZipLimit = errors.New("document: archive unpacks beyond its limits")

// centralHeader starts every entry of a ZIP central directory.
var centralHeader = []byte("PK\x01\x02")

// openZip checks the archive of size bytes in r against l and opens it. A refusal wraps
// errZipLimit; an archive that cannot be read returns archive/zip's error.
func openZip(r io.ReaderAt, size int64, l zipLimits) (*zip.Reader, error) {
	// zip.NewReader keeps every directory entry it finds in memory, as many as the file has
	// room for; count them first. Each entry starts with its signature, so the signatures in
	// the file bound the entries.
	n, err := countSignature(r, size, centralHeader, l.entries)
	if err != nil {
		return nil, err
	}
	if n > l.entries {
		return nil, fmt.Errorf("%w: more than %d parts", errZipLimit, l.entries)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	if len(zr.File) > l.entries {
		return nil, fmt.Errorf("%w: %d parts", errZipLimit, len(zr.File))
	}
	var total uint64
	for _, f := range zr.File {
		u := f.UncompressedSize64
		if u > l.total || total+u > l.total {
			return nil, fmt.Errorf("%w: more than %d bytes unpacked", errZipLimit, l.total)
		}
		total += u
		if u > ratioFloor && u/max(f.CompressedSize64, 1) > l.ratio {
			return nil, fmt.Errorf("%w: %s compressed %d times", errZipLimit, f.Name, u/max(f.CompressedSize64, 1))
		}
	}
	return zr, nil
}

// countSignature counts the occurrences of sig in the first size bytes of r, stopping once
// it has seen more than limit.
func countSignature(r io.ReaderAt, size int64, sig []byte, limit int) (int, error) {
	buf := make([]byte, 64<<10)
	keep := len(sig) - 1 // bytes carried over, so that a signature across two reads is seen
	n, off, carried := 0, int64(0), 0
	for off < size && n <= limit {
		m, err := r.ReadAt(buf[carried:min(int64(len(buf)), int64(carried)+size-off)], off)
		if m == 0 && err != nil {
			if err == io.EOF {
				break
			}
			return 0, err
		}
		off += int64(m)
		chunk := buf[:carried+m]
		n += bytes.Count(chunk, sig)
		carried = min(keep, len(chunk))
		copy(buf, chunk[len(chunk)-carried:])
	}
	return n, nil
}

// checkParts decompresses every part of zr, to nothing, and returns the first that does not
// unpack to the size its directory entry declares, or to its checksum. A reader that, like
// excelize, ignores a part's read error would otherwise take a part cut short at its declared
// size, or a damaged one, for the whole of it. openZip's limits bound the work.
func checkParts(zr *zip.Reader) error {
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return nil
}
