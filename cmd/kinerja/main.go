// Command kinerja runs the Kinerja performance-management server and its maintenance tasks.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "kinerja: "+strings.ReplaceAll(err.Error(), "\n", " "))
		os.Exit(1)
	}
}

// Main is the program with its surroundings made explicit, so tests can run it.
type Main struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

const usage = `Usage: kinerja [command] [flags]

Commands:
  serve     run the web server (default)
  migrate   apply database migrations and exit
  demo      load the Kecamatan Asemrowo demo organisation (idempotent)
  import    import employees: kinerja import employees FILE [-dry-run] [-org ID]
  backup    write one archive of the database and the evidence files, while the server runs:
            kinerja backup -o FILE [-data-dir DIR]
  restore   restore such an archive into an empty database and data directory:
            kinerja restore FILE [-data-dir DIR] [-force]
  version   print the version

Run "kinerja COMMAND -h" for the flags of a command.`

// Run runs the command named by args[0] (serve when args is empty or starts with a flag).
func (m *Main) Run(ctx context.Context, args []string) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = m.serve(ctx, args)
	case "migrate":
		err = m.migrate(ctx, args)
	case "demo":
		err = m.demo(ctx, args)
	case "import":
		err = m.importCmd(ctx, args)
	case "backup":
		err = m.backup(ctx, args)
	case "restore":
		err = m.restore(ctx, args)
	case "version":
		err = m.version(args)
	case "help":
		fmt.Fprintln(m.Stdout, usage)
	default:
		return fmt.Errorf("unknown command %q; use serve, migrate, demo, import, backup, restore or version (kinerja help)", cmd)
	}
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}
