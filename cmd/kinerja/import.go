package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

// importCmd runs "kinerja import employees FILE [-dry-run] [-org ID]".
func (m *Main) importCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "employees" {
		return errors.New(`import: usage: kinerja import employees FILE [-db DSN] [-dry-run] [-org ID]`)
	}
	args = args[1:]
	// The file may come before or after the flags.
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	c, envErr := m.envDefaults()
	fs := flag.NewFlagSet("kinerja import employees", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	c.addDBFlags(fs)
	dryRun := fs.Bool("dry-run", false, "check the file and report, writing nothing")
	org := fs.Int64("org", 0, "organisation id (needed when the database holds more than one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return fmt.Errorf("import: unexpected argument %q", fs.Arg(0))
	}
	if file == "" {
		return errors.New("import: name the file: kinerja import employees FILE")
	}
	if err := errors.Join(envErr, c.Validate(false)); err != nil {
		return errors.New(strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	rows, headerErrs, err := document.ReadEmployeeFile(f, file)
	if err != nil {
		return fmt.Errorf("import %s: %s", file, kinerja.ErrorMessage(err))
	}
	if len(headerErrs) > 0 {
		m.printImportErrors(headerErrs)
		return fmt.Errorf("import %s: %s", file, kinerja.MsgImportHasErrors)
	}
	db, err := m.openDB(ctx, c, m.logger(c))
	if err != nil {
		return err
	}
	defer db.Close()
	sctx := kinerja.NewContextWithUser(ctx, kinerja.SystemUser())
	if *org == 0 {
		orgs, err := db.FindOrganisations(sctx)
		if err != nil {
			return err
		}
		switch len(orgs) {
		case 0:
			return errors.New("import: the database has no organisation yet; create one in the web UI or run kinerja demo")
		case 1:
			*org = orgs[0].ID
		default:
			var names []string
			for _, o := range orgs {
				names = append(names, fmt.Sprintf("%d (%s)", o.ID, o.Name))
			}
			return fmt.Errorf("import: choose the organisation with -org: %s", strings.Join(names, ", "))
		}
	}
	rep, err := db.ImportEmployees(sctx, *org, rows, *dryRun)
	if rep != nil && len(rep.Errors) > 0 {
		m.printImportErrors(rep.Errors)
	}
	if err != nil {
		return fmt.Errorf("import %s: %s", file, kinerja.ErrorMessage(err))
	}
	verb := "imported"
	if *dryRun {
		verb = "dry run, nothing written"
	}
	fmt.Fprintf(m.Stdout, "%s: %d created, %d updated, %d unchanged (%s)\n", file, rep.Created, rep.Updated, rep.Unchanged, verb)
	return nil
}

func (m *Main) printImportErrors(errs []kinerja.ImportError) {
	for _, e := range errs {
		field := e.Field
		if field == "" {
			field = "-"
		}
		fmt.Fprintf(m.Stderr, "baris %d, kolom %s: %s\n", e.Row, field, e.Message)
	}
}
