package main

import (
	"context"
	"fmt"

	"kinerja/internal/demo"
	"kinerja/internal/kinerja"
)

func (m *Main) demo(ctx context.Context, args []string) error {
	c, err := m.parseFlags("demo", args, false)
	if err != nil {
		return err
	}
	db, err := m.openDB(ctx, c, m.logger(c))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := loadAnswerKey(db, c); err != nil {
		return err
	}
	if _, _, err := db.EnsureAdmin(ctx, c.AdminPassword); err != nil {
		return err
	}
	sum, err := demo.Load(kinerja.NewContextWithUser(ctx, kinerja.SystemUser()), db)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%s: %d units (%d new), %d employees (%d new, %d updated), %d unit heads set, %d logins new, %d SKP new, %d SKP revisions, %d activities, %d assessments\n",
		demo.OrgName, sum.Units, sum.UnitsCreated, sum.Employees, sum.EmployeesCreated, sum.Updated, sum.HeadsSet, sum.LoginsCreated, sum.SKPCreated,
		sum.Revisions, sum.Activities, sum.Assessments)
	fmt.Fprintf(m.Stdout, "Demo logins (password %q):\n", demo.Password)
	for _, l := range demo.Logins {
		fmt.Fprintf(m.Stdout, "  %-20s %s\n", l.Username, l.Role)
	}
	return nil
}
