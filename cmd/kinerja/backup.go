package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"kinerja/internal/sqldb"
)

// backup runs "kinerja backup -o FILE": a consistent copy while the server runs. SQLite is
// copied by the database itself; PostgreSQL by pg_dump in its custom format.
func (m *Main) backup(ctx context.Context, args []string) error {
	c, envErr := m.envDefaults()
	fs := flag.NewFlagSet("kinerja backup", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	c.addDBFlags(fs)
	out := fs.String("o", "", "file to write the backup to (must not exist)")
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
	db, err := sqldb.Open(ctx, c.DB)
	if err != nil {
		return fmt.Errorf("%s: %w", sqldb.RedactDSN(c.DB), err)
	}
	defer db.Close()
	switch err := db.Backup(ctx, *out); {
	case errors.Is(err, sqldb.ErrBackupEngine):
		if _, lerr := exec.LookPath("pg_dump"); lerr != nil {
			return errors.New("backup: PostgreSQL is backed up with pg_dump, which is not installed here")
		}
		cmd := exec.CommandContext(ctx, "pg_dump", "--format=custom", "--file="+*out, c.DB)
		cmd.Stderr = m.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("backup: pg_dump: %w", err)
		}
	case err != nil:
		return err
	}
	st, err := os.Stat(*out)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(m.Stdout, "backup written to %s (%d bytes)\n", *out, st.Size())
	return nil
}
