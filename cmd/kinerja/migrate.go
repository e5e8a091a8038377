package main

import (
	"context"
	"fmt"
)

func (m *Main) migrate(ctx context.Context, args []string) error {
	c, err := m.parseFlags("migrate", args, false)
	if err != nil {
		return err
	}
	db, err := m.openDB(ctx, c, m.logger(c))
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "database is at schema version %d\n", v)
	return nil
}
