package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"

	"kinerja/internal/blob"
	"kinerja/internal/document"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// MaxEvidenceBytes bounds a file read before its target's own limit is known: the largest
// limit any organisation may set.
const MaxEvidenceBytes = kinerja.MaxEvidenceLimit

// Upload is an evidence file read from a request: kept aside on disk, told by its content,
// waiting to be attached. Discard it when it will not be.
type Upload struct {
	pending     *blob.Pending
	ContentType string
	Filename    string
	Size        int64
}

// Discard removes a staged file that will not be attached; it is safe on nil and twice.
func (u *Upload) Discard() {
	if u != nil && u.pending != nil {
		u.pending.Discard()
	}
}

// EvidenceLimit reports how large a file the caller may attach to t, refusing a target they
// may not attach to (someone else's activity, an approved one, another's RHK).
func (a *App) EvidenceLimit(ctx context.Context, t sqldb.EvidenceTarget) (int64, error) {
	_, _, limit, err := a.db.CheckEvidenceTarget(ctx, t)
	return limit, err
}

// StageEvidence reads r, at most limit bytes, into the file store's staging area and tells
// what it is from its content. A file too large, or of a kind not accepted, is an invalid
// "file" field; a too-large one also wraps blob.ErrTooLarge. Whatever happens, only a file
// returned in an Upload stays on disk; Discard it when it will not be attached.
func (a *App) StageEvidence(r io.Reader, filename string, limit int64) (*Upload, error) {
	if a.blobs == nil {
		return nil, errors.New("stage evidence: no file store configured")
	}
	p, err := a.blobs.Stage(r, limit)
	if errors.Is(err, blob.ErrTooLarge) {
		return nil, &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgEvidenceTooLarge,
			Fields: map[string]string{"file": kinerja.MsgEvidenceTooLarge}, Err: err}
	}
	if err != nil {
		return nil, err
	}
	kept := false
	defer func() {
		// A refused file, or a panic while telling what it is, leaves nothing behind.
		if !kept {
			p.Discard()
		}
	}()
	ct, err := document.SniffEvidence(p.ReaderAt(), p.Size)
	if err != nil {
		return nil, err
	}
	name := path.Base(strings.ReplaceAll(filename, `\`, "/"))
	if name == "." || name == "/" {
		name = ""
	}
	kept = true
	return &Upload{pending: p, ContentType: ct, Filename: name, Size: p.Size}, nil
}

// AttachEvidence keeps a staged file and records it as evidence of t. The file is stored
// before the record, so that a record never points to a missing file; the staged copy is
// removed either way.
func (a *App) AttachEvidence(ctx context.Context, t sqldb.EvidenceTarget, up *Upload) (*kinerja.Evidence, error) {
	defer up.Discard()
	if err := up.pending.Commit(); err != nil {
		return nil, fmt.Errorf("store evidence: %w", err)
	}
	return a.db.CreateEvidence(ctx, t, up.pending.SHA256, up.Size, up.ContentType, up.Filename)
}

// EvidenceFile is a stored evidence file opened for someone who may see its record.
type EvidenceFile struct {
	*kinerja.Evidence
	Content *os.File
	// Disposition is the attachment header to send it with: the uploaded name with the
	// extension of the type its content has, so a renamed file cannot pass for another kind.
	Disposition string
}

// Close closes the content.
func (f *EvidenceFile) Close() error { return f.Content.Close() }

// Serve sends the file as an attachment with the type told at upload, never sniffed, inlined
// or run, and closes it.
func (f *EvidenceFile) Serve(w http.ResponseWriter, r *http.Request) {
	defer f.Close()
	document.ServeEvidence(w, r, f.Evidence, f.Content, f.Disposition)
}

// OpenEvidence opens a stored evidence file the caller may see.
func (a *App) OpenEvidence(ctx context.Context, id int64) (*EvidenceFile, error) {
	v, err := a.db.FindEvidence(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.blobs == nil {
		return nil, errors.New("open evidence: no file store configured")
	}
	f, err := a.blobs.Open(v.SHA256)
	if err != nil {
		return nil, fmt.Errorf("open evidence %d: %w", v.ID, err)
	}
	return &EvidenceFile{Evidence: v, Content: f, Disposition: evidenceDisposition(v)}, nil
}

// evidenceDisposition is the attachment header of v.
func evidenceDisposition(v *kinerja.Evidence) string {
	ext := document.EvidenceExtension(v.ContentType)
	base := strings.TrimSuffix(v.Filename, path.Ext(v.Filename))
	base = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`"\/:*?<>|`, r) {
			return -1
		}
		return r
	}, base)
	if strings.TrimSpace(base) == "" {
		base = "bukti-" + strconv.FormatInt(v.ID, 10)
	}
	return document.Attachment(base + ext)
}
