package main

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"time"

	"kinerja/internal/blob"
	"kinerja/internal/server"
	"kinerja/internal/sqldb"
)

// A backup archive is a zip file:
//
//	manifest.json          what the archive holds (see manifest)
//	db/TABLE.jsonl         the rows of each table, one JSON array per line (see sqldb.Dump)
//	evidence/SHA256        every evidence file the rows refer to, named by its SHA-256
//
// Every entry carries the time the backup was made, so that nothing in the archive tells when
// a row or a file was added. Zip, rather than a compressed tar, lets a restore read the
// manifest first and check every entry before it writes anything.
const (
	archiveFormat  = "kinerja-backup"
	archiveVersion = 1 // the newest format this program writes and reads
	manifestName   = "manifest.json"
	maxManifest    = 64 << 20
)

// manifest describes a backup archive.
type manifest struct {
	Format         string          `json:"format"`
	FormatVersion  int             `json:"format_version"`
	KinerjaVersion string          `json:"kinerja_version"`
	Engine         sqldb.Engine    `json:"engine"`
	CreatedAt      time.Time       `json:"created_at"`
	SchemaVersion  int64           `json:"schema_version"`
	Tables         []manifestTable `json:"tables"`
	// Files lists every entry of the archive but the manifest, with its SHA-256.
	Files []manifestFile `json:"files"`
	// MissingEvidence lists evidence files the database refers to that were not in the data
	// directory when the backup was made (only with -allow-missing).
	MissingEvidence []string `json:"missing_evidence,omitempty"`
}

// manifestTable is a table of the dump and the entry that holds its rows.
type manifestTable struct {
	sqldb.DumpTable
	File string `json:"file"`
}

type manifestFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// evidenceDir is where the server keeps evidence files under its data directory.
func evidenceDir(dataDir string) string { return server.EvidenceDir(dataDir) }

func tableEntry(table string) string { return "db/" + table + ".jsonl" }

func evidenceEntry(sha string) string { return "evidence/" + sha }

// hashingWriter counts and hashes what passes through it.
type hashingWriter struct {
	w    io.Writer
	h    hash.Hash
	size int64
}

func newHashingWriter(w io.Writer) *hashingWriter { return &hashingWriter{w: w, h: sha256.New()} }

func (hw *hashingWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.size += int64(n)
	return n, err
}

func (hw *hashingWriter) sum() string { return hex.EncodeToString(hw.h.Sum(nil)) }

// writeArchive writes a backup of db and of the evidence files in store to w. The rows come
// from one snapshot; the files the snapshot refers to are copied after it, which is
// consistent because a stored file never changes or goes away.
func writeArchive(ctx context.Context, w io.Writer, db *sqldb.DB, store *blob.Store, created time.Time, allowMissing bool) (*manifest, error) {
	created = created.UTC().Truncate(time.Second)
	m := &manifest{Format: archiveFormat, FormatVersion: archiveVersion, KinerjaVersion: Version(), CreatedAt: created}
	zw := zip.NewWriter(w)
	entry := func(name string) (*hashingWriter, error) {
		ew, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: created})
		if err != nil {
			return nil, err
		}
		return newHashingWriter(ew), nil
	}
	var (
		cur     *hashingWriter
		curName string
	)
	done := func() {
		if cur != nil {
			m.Files = append(m.Files, manifestFile{Name: curName, Size: cur.size, SHA256: cur.sum()})
			cur = nil
		}
	}
	dump, err := db.Dump(ctx, func(table string) (io.Writer, error) {
		done()
		var err error
		curName = tableEntry(table)
		cur, err = entry(curName)
		return cur, err
	})
	if err != nil {
		return nil, err
	}
	done()
	m.Engine, m.SchemaVersion = dump.Engine, dump.SchemaVersion
	for _, t := range dump.Tables {
		m.Tables = append(m.Tables, manifestTable{DumpTable: t, File: tableEntry(t.Name)})
	}

	for _, sha := range dump.Evidence {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := store.Open(sha)
		if errors.Is(err, fs.ErrNotExist) {
			m.MissingEvidence = append(m.MissingEvidence, sha)
			continue
		} else if err != nil {
			return nil, fmt.Errorf("evidence file %s: %w", sha, err)
		}
		hw, err := entry(evidenceEntry(sha))
		if err == nil {
			_, err = io.Copy(hw, f)
		}
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("evidence file %s: %w", sha, err)
		}
		if hw.sum() != sha {
			return nil, fmt.Errorf("evidence file %s in %s is damaged: its content no longer has that SHA-256", sha, store.Dir)
		}
		m.Files = append(m.Files, manifestFile{Name: evidenceEntry(sha), Size: hw.size, SHA256: sha})
	}
	if n := len(m.MissingEvidence); n > 0 && !allowMissing {
		return nil, fmt.Errorf("%d evidence files the database refers to are not in %s (the first: %s); check -data-dir, or add -allow-missing to back up without them",
			n, store.Dir, m.MissingEvidence[0])
	}

	mw, err := zw.CreateHeader(&zip.FileHeader{Name: manifestName, Method: zip.Deflate, Modified: created})
	if err != nil {
		return nil, err
	}
	enc := json.NewEncoder(mw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return m, zw.Close()
}

var (
	tableNamePattern = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
	shaPattern       = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// archive is an opened backup whose manifest has been read and checked.
type archive struct {
	zr      *zip.ReadCloser
	m       *manifest
	entries map[string]*zip.File
}

// openArchive opens the backup at path and checks its manifest: the format, its version, the
// schema version and the names of its entries. It reads no data yet.
func openArchive(path string, latestSchema int64) (*archive, error) {
	zr, err := zip.OpenReader(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return nil, err
	} else if err != nil {
		return nil, fmt.Errorf("%s is not a Kinerja backup: %w", path, err)
	}
	a := &archive{zr: zr, entries: map[string]*zip.File{}}
	if err := a.readManifest(path, latestSchema); err != nil {
		zr.Close()
		return nil, err
	}
	return a, nil
}

func (a *archive) Close() error { return a.zr.Close() }

func (a *archive) readManifest(path string, latestSchema int64) error {
	for _, f := range a.zr.File {
		if _, dup := a.entries[f.Name]; dup {
			return fmt.Errorf("%s is damaged: it holds %s twice", path, f.Name)
		}
		a.entries[f.Name] = f
	}
	mf, ok := a.entries[manifestName]
	if !ok {
		return fmt.Errorf("%s is not a Kinerja backup: it has no %s", path, manifestName)
	}
	r, err := mf.Open()
	if err != nil {
		return fmt.Errorf("%s is damaged: %w", path, err)
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, maxManifest+1))
	if err != nil {
		return fmt.Errorf("%s is damaged: %s: %w", path, manifestName, err)
	}
	m := new(manifest)
	if len(data) > maxManifest || json.Unmarshal(data, m) != nil || m.Format != archiveFormat {
		return fmt.Errorf("%s is not a Kinerja backup: its %s is not one", path, manifestName)
	}
	switch {
	case m.FormatVersion > archiveVersion:
		return fmt.Errorf("%s is in backup format %d, newer than this kinerja reads (%d); restore it with a newer kinerja",
			path, m.FormatVersion, archiveVersion)
	case m.FormatVersion < 1:
		return fmt.Errorf("%s is not a Kinerja backup: format version %d", path, m.FormatVersion)
	case m.SchemaVersion > latestSchema:
		return fmt.Errorf("%s holds schema version %d, newer than this kinerja knows (%d); restore it with a newer kinerja",
			path, m.SchemaVersion, latestSchema)
	case m.SchemaVersion < 1:
		return fmt.Errorf("%s is damaged: schema version %d", path, m.SchemaVersion)
	}
	listed := map[string]manifestFile{}
	for _, f := range m.Files {
		if _, dup := listed[f.Name]; dup || !shaPattern.MatchString(f.SHA256) || f.Size < 0 {
			return fmt.Errorf("%s is damaged: its manifest lists %s wrongly", path, f.Name)
		}
		dir, name, _ := strings.Cut(f.Name, "/")
		switch {
		case dir == "db" && strings.HasSuffix(name, ".jsonl") && tableNamePattern.MatchString(strings.TrimSuffix(name, ".jsonl")):
		case dir == "evidence" && name == f.SHA256:
		default:
			return fmt.Errorf("%s is damaged: its manifest lists an unexpected file %q", path, f.Name)
		}
		listed[f.Name] = f
	}
	for _, t := range m.Tables {
		if t.File != tableEntry(t.Name) || listed[t.File].Name == "" || t.Rows < 0 {
			return fmt.Errorf("%s is damaged: its manifest lists table %q wrongly", path, t.Name)
		}
	}
	for name := range a.entries {
		if _, ok := listed[name]; !ok && name != manifestName {
			return fmt.Errorf("%s is damaged: it holds %q, which its manifest does not list", path, name)
		}
	}
	a.m = m
	return nil
}

// verify reads every entry and compares its size and SHA-256 with the manifest.
func (a *archive) verify(ctx context.Context, path string) error {
	for _, f := range a.m.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		zf, ok := a.entries[f.Name]
		if !ok {
			return fmt.Errorf("%s is damaged: %s is missing", path, f.Name)
		}
		r, err := zf.Open()
		if err != nil {
			return fmt.Errorf("%s is damaged: %s: %w", path, f.Name, err)
		}
		h := sha256.New()
		n, err := io.Copy(h, io.LimitReader(r, f.Size+1))
		r.Close()
		if err != nil {
			return fmt.Errorf("%s is damaged: %s: %w", path, f.Name, err)
		}
		if n != f.Size || hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
			return fmt.Errorf("%s is damaged: %s does not match the SHA-256 in its manifest", path, f.Name)
		}
	}
	return nil
}

// dump is the manifest as sqldb.Restore takes it.
func (a *archive) dump() *sqldb.Dump {
	d := &sqldb.Dump{Engine: a.m.Engine, SchemaVersion: a.m.SchemaVersion}
	for _, t := range a.m.Tables {
		d.Tables = append(d.Tables, t.DumpTable)
	}
	for _, f := range a.m.Files {
		if sha, ok := strings.CutPrefix(f.Name, "evidence/"); ok {
			d.Evidence = append(d.Evidence, sha)
		}
	}
	slices.Sort(d.Evidence)
	return d
}

// openTable opens the rows of a table.
func (a *archive) openTable(table string) (io.ReadCloser, error) {
	f, ok := a.entries[tableEntry(table)]
	if !ok {
		return nil, fmt.Errorf("the backup has no rows for table %s", table)
	}
	return f.Open()
}

// restoreEvidence copies every evidence file into store, checking each against its name.
func (a *archive) restoreEvidence(ctx context.Context, store *blob.Store) (int, error) {
	n := 0
	for _, f := range a.m.Files {
		sha, ok := strings.CutPrefix(f.Name, "evidence/")
		if !ok {
			continue
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
		r, err := a.entries[f.Name].Open()
		if err != nil {
			return n, fmt.Errorf("evidence file %s: %w", sha, err)
		}
		p, err := store.Stage(r, f.Size)
		r.Close()
		if err != nil {
			return n, fmt.Errorf("evidence file %s: %w", sha, err)
		}
		if p.SHA256 != sha {
			p.Discard()
			return n, fmt.Errorf("evidence file %s does not match its SHA-256", sha)
		}
		if err := p.Commit(); err != nil {
			return n, fmt.Errorf("evidence file %s: %w", sha, err)
		}
		n++
	}
	return n, nil
}
