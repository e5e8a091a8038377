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

// restore runs "kinerja restore FILE": it loads a backup made by "kinerja backup" into an
// empty database and an empty evidence directory, or, with -force, into ones it empties first.
// The archive is checked whole before anything is written; the rows go in one transaction.
func (m *Main) restore(ctx context.Context, args []string) error {
	c, envErr := m.envDefaults()
	fs := flag.NewFlagSet("kinerja restore", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	c.addDBFlags(fs)
	force := fs.Bool("force", false, "first delete every table of the database and every file of the evidence directory (asks nothing)")
	// The file may come before, between or after the flags.
	var file string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		if file != "" {
			return fmt.Errorf("restore: unexpected argument %q", fs.Arg(0))
		}
		file, args = fs.Arg(0), fs.Args()[1:]
	}
	if file == "" {
		return errors.New("restore: name the backup: kinerja restore FILE")
	}
	if err := errors.Join(envErr, c.Validate(false)); err != nil {
		return errors.New(strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	if strings.TrimSpace(c.DataDir) == "" {
		return errors.New("restore: -data-dir: must name a directory")
	}
	latest, err := sqldb.LatestSchemaVersion()
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	a, err := openArchive(file, latest)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer a.Close()

	db, err := sqldb.Open(ctx, c.DB)
	if err != nil {
		return fmt.Errorf("%s: %w", sqldb.RedactDSN(c.DB), err)
	}
	defer db.Close()
	db.Logger = m.logger(c)
	store := &blob.Store{Dir: evidenceDir(c.DataDir)}

	// Refuse a database or a directory in use before reading the whole archive.
	version, migrated, err := db.Migrated(ctx)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	occupied, err := db.TablesWithRows(ctx)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	files, err := countFiles(store.Dir)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if !*force && (len(occupied) > 0 || files > 0) {
		var what []string
		if len(occupied) > 0 {
			what = append(what, fmt.Sprintf("the database holds data (in %d tables: %s)", len(occupied), strings.Join(first(occupied, 5), ", ")))
		}
		if files > 0 {
			what = append(what, fmt.Sprintf("%s holds %d files", store.Dir, files))
		}
		return fmt.Errorf("restore: %s; restore into an empty database and data directory, or add -force to delete what they hold first",
			strings.Join(what, " and "))
	}
	if err := a.verify(ctx, file); err != nil {
		return fmt.Errorf("restore: %w", err)
	}

	if *force && files > 0 {
		if err := os.RemoveAll(store.Dir); err != nil {
			return fmt.Errorf("restore: empty %s: %w", store.Dir, err)
		}
	}
	// A database migrated beyond the backup's version is wiped too: it holds no data (or
	// -force asked for it), and the rows must go into the schema they were read from.
	if *force || (migrated && version > a.m.SchemaVersion) {
		if err := db.Wipe(ctx); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
	}
	if err := db.MigrateTo(ctx, a.m.SchemaVersion); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	n, err := a.restoreEvidence(ctx, store)
	if err == nil {
		err = db.Restore(ctx, a.dump(), a.openTable)
	}
	if err != nil {
		// Both were empty before, so emptying them again loses nothing and lets the
		// operator try again without -force.
		os.RemoveAll(store.Dir)
		return fmt.Errorf("restore: %w; nothing was restored", err)
	}
	if err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("restore: the backup is restored at schema version %d, but migrating it further failed: %w", a.m.SchemaVersion, err)
	}
	now, err := db.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}

	var rows int64
	for _, t := range a.m.Tables {
		rows += t.Rows
	}
	fmt.Fprintf(m.Stdout, "restored %s (made %s by kinerja %s from %s)\n", file,
		a.m.CreatedAt.Format("2006-01-02 15:04:05 MST"), a.m.KinerjaVersion, a.m.Engine)
	fmt.Fprintf(m.Stdout, "  %d rows in %d tables at schema version %d, now %d; %d evidence files in %s\n",
		rows, len(a.m.Tables), a.m.SchemaVersion, now, n, store.Dir)
	if k := len(a.m.MissingEvidence); k > 0 {
		fmt.Fprintf(m.Stderr, "warning: %d evidence files were already missing when the backup was made; their downloads will fail\n", k)
	}
	return nil
}

// countFiles counts the regular files under dir; a directory that does not exist holds none.
func countFiles(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if !d.IsDir() {
			n++
		}
		return nil
	})
	return n, err
}

func first(ss []string, n int) []string {
	if len(ss) > n {
		return append(ss[:n:n], "…")
	}
	return ss
}
