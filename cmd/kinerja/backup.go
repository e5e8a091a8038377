package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"kinerja/internal/blob"
	"kinerja/internal/sqldb"
)

// backup runs "kinerja backup -o FILE": one archive with every row of the database and every
// evidence file the rows refer to, made while the server keeps running (see archive.go).
func (m *Main) backup(ctx context.Context, args []string) error {
	c, envErr := m.envDefaults()
	fs := flag.NewFlagSet("kinerja backup", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	c.addDBFlags(fs)
	out := fs.String("o", "", "file to write the backup to, e.g. kinerja-2026-03-31.zip (must not exist)")
	allowMissing := fs.Bool("allow-missing", false, "write the backup even when evidence files are missing from the data directory; the manifest lists them")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("backup: unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return errors.New("backup: name the output file with -o FILE")
	}
	if err := errors.Join(envErr, c.Validate(false)); err != nil {
		return errors.New(strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	if strings.TrimSpace(c.DataDir) == "" {
		return errors.New("backup: -data-dir: must name a directory")
	}
	if _, err := os.Lstat(*out); err == nil {
		return fmt.Errorf("backup: %s already exists; name a new file", *out)
	}
	db, err := sqldb.Open(ctx, c.DB)
	if err != nil {
		return fmt.Errorf("%s: %w", sqldb.RedactDSN(c.DB), err)
	}
	defer db.Close()
	db.Logger = m.logger(c)

	// The archive is written beside its final name and renamed into place when complete, so
	// that FILE is either a whole backup or not there.
	tmp, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*.tmp")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	published := false
	defer func() {
		if !published {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	man, err := writeArchive(ctx, tmp, db, &blob.Store{Dir: evidenceDir(c.DataDir)}, db.Now(), *allowMissing)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := publish(tmp.Name(), *out); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	published = true

	st, err := os.Stat(*out)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	var rows int64
	for _, t := range man.Tables {
		rows += t.Rows
	}
	fmt.Fprintf(m.Stdout, "backup written to %s (%d bytes)\n", *out, st.Size())
	fmt.Fprintf(m.Stdout, "  %s database at schema version %d: %d rows in %d tables; %d evidence files\n",
		man.Engine, man.SchemaVersion, rows, len(man.Tables), len(man.Files)-len(man.Tables))
	if n := len(man.MissingEvidence); n > 0 {
		fmt.Fprintf(m.Stderr, "warning: %d evidence files were missing from %s and are not in the backup; the manifest lists them\n",
			n, evidenceDir(c.DataDir))
	}
	return nil
}

// publish moves the finished file tmp to name, refusing to replace a file that appeared
// meanwhile: a hard link fails when name exists, where a rename would replace it.
func publish(tmp, name string) error {
	err := os.Link(tmp, name)
	switch {
	case err == nil:
		os.Remove(tmp)
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s already exists; name a new file", name)
	default:
		// A file system without hard links: check once more, then rename.
		if _, err := os.Lstat(name); err == nil {
			return fmt.Errorf("%s already exists; name a new file", name)
		}
		if err := os.Rename(tmp, name); err != nil {
			return err
		}
	}
	// Make the new name durable along with the content.
	if d, err := os.Open(filepath.Dir(name)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
