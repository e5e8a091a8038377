package sqldb

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"kinerja/internal/kinerja"
)

// importRow is a row of an employee file on its way into the database.
type importRow struct {
	row      int
	in       kinerja.EmployeeInput
	supNIP   string
	existing *kinerja.Employee
	errs     kinerja.Validation
	changed  bool
}

// ImportEmployees validates every row of an employee file and, when all are valid and dryRun
// is false, creates or updates the employees (matched by NIP) in one transaction. With any
// error nothing is written and the report lists each one; the error returned is then EINVALID.
// Unchanged rows write nothing, so importing the same file twice changes nothing.
func (db *DB) ImportEmployees(ctx context.Context, org int64, rows []kinerja.ImportRow, dryRun bool) (*kinerja.ImportReport, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if org, err = db.orgOf(ctx, a, org); err != nil {
		return nil, err
	}
	if !kinerja.CanManageEmployees(a, org) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	rep := &kinerja.ImportReport{DryRun: dryRun, Errors: []kinerja.ImportError{}}
	invalid := func() (*kinerja.ImportReport, error) {
		slices.SortStableFunc(rep.Errors, func(x, y kinerja.ImportError) int { return cmp.Compare(x.Row, y.Row) })
		return rep, &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgImportHasErrors}
	}
	switch {
	case len(rows) == 0:
		rep.Errors = append(rep.Errors, kinerja.ImportError{Row: 1, Message: kinerja.MsgImportEmpty})
		return invalid()
	case len(rows) > kinerja.MaxImportRows:
		rep.Errors = append(rep.Errors, kinerja.ImportError{Row: 1, Message: kinerja.MsgImportTooManyRows})
		return invalid()
	}

	units, err := findOrgUnits(ctx, db.db, org)
	if err != nil {
		return nil, mapError(err)
	}
	resolveUnit := unitResolver(units)
	existing, err := orgEmployees(ctx, db.db, org)
	if err != nil {
		return nil, mapError(err)
	}
	nipOf := make(map[int64]string, len(existing))
	for nip, e := range existing {
		nipOf[e.ID] = nip
	}

	today := kinerja.Today(db.now())
	pending := make([]*importRow, 0, len(rows))
	inFile := map[string]*importRow{}
	for _, r := range rows {
		p := &importRow{row: r.Row}
		in, errs := kinerja.ParseImportRow(r)
		for _, e := range errs {
			p.errs.Add(e.Field, e.Message)
		}
		if id, msg := resolveUnit(r.Get("unit")); msg != "" {
			p.errs.Add("unit", msg)
			in.UnitID = units[0].ID // keeps Validate from repeating the unit error
		} else {
			in.UnitID = id
		}
		if e := existing[kinerja.NormalizeNIP(in.NIP)]; e != nil {
			p.existing = e
			in.Active, in.InactiveReason = &e.Active, e.InactiveReason
			if e.AppraiserOverride {
				in.AppraiserID = e.AppraiserID
			}
			if !r.Has("email") {
				in.Email = e.Email
			}
			if !r.Has("telepon") {
				in.Phone = e.Phone
			}
		}
		if err := in.Validate(today); err != nil {
			for f, m := range kinerja.ErrorFields(err) {
				p.errs.Add(kinerja.ImportColumn(f), m)
			}
		}
		if prev := inFile[in.NIP]; prev != nil && in.NIP != "" {
			p.errs.Add("nip", kinerja.MsgImportDuplicateNIP)
		} else if in.NIP != "" {
			inFile[in.NIP] = p
		}
		p.in, p.supNIP = in, kinerja.NormalizeNIP(r.Get("nip_atasan"))
		if !r.Has("nip_atasan") && p.existing != nil && p.existing.SupervisorID != nil {
			p.supNIP = nipOf[*p.existing.SupervisorID]
		}
		pending = append(pending, p)
	}

	// Reporting lines as they will stand: current ones, overridden by the file.
	supOf := map[string]string{}
	for nip, e := range existing {
		if e.SupervisorID != nil {
			supOf[nip] = nipOf[*e.SupervisorID]
		}
	}
	for _, p := range pending {
		if inFile[p.in.NIP] == p {
			supOf[p.in.NIP] = p.supNIP
		}
	}
	for _, p := range pending {
		switch s := p.supNIP; {
		case s == "":
		case s == p.in.NIP:
			p.errs.Add("nip_atasan", kinerja.MsgSupervisorSelf)
		case inFile[s] == nil && (existing[s] == nil || !existing[s].Active):
			p.errs.Add("nip_atasan", kinerja.MsgImportSupervisor)
		case inFile[s] != nil && inFile[s].existing != nil && !inFile[s].existing.Active:
			p.errs.Add("nip_atasan", kinerja.MsgSupervisorInactive)
		default:
			// Follow the chain up; coming back to this NIP is a loop.
			for cur, steps := s, 0; cur != "" && steps <= len(supOf); cur, steps = supOf[cur], steps+1 {
				if cur == p.in.NIP {
					p.errs.Add("nip_atasan", kinerja.MsgSupervisorLoop)
					break
				}
			}
		}
	}
	for _, p := range pending {
		for f, m := range fieldsOf(p.errs) {
			rep.Errors = append(rep.Errors, kinerja.ImportError{Row: p.row, Field: f, Message: m})
		}
	}
	if len(rep.Errors) > 0 {
		slices.SortStableFunc(rep.Errors, func(x, y kinerja.ImportError) int {
			if c := cmp.Compare(x.Row, y.Row); c != 0 {
				return c
			}
			return cmp.Compare(slices.Index(kinerja.ImportColumns, x.Field), slices.Index(kinerja.ImportColumns, y.Field))
		})
		return invalid()
	}

	for _, p := range pending {
		switch {
		case p.existing == nil:
			rep.Created++
		case importChanges(p, nipOf):
			p.changed = true
			rep.Updated++
		default:
			rep.Unchanged++
		}
	}
	if dryRun || rep.Created+rep.Updated == 0 {
		return rep, nil
	}
	err = db.update(ctx, func(tx *Tx) error { return tx.writeImport(ctx, a, org, pending, existing, today) })
	if err != nil {
		return nil, err
	}
	return rep, nil
}

func fieldsOf(v kinerja.Validation) map[string]string { return kinerja.ErrorFields(v.Err()) }

// unitResolver finds a unit by its path below the root or, when unambiguous, by its name.
func unitResolver(units []*kinerja.Unit) func(string) (int64, string) {
	byPath := map[string]int64{}
	byName := map[string][]int64{}
	for _, u := range units {
		byPath[strings.ToLower(u.Path)] = u.ID
		byName[strings.ToLower(u.Name)] = append(byName[strings.ToLower(u.Name)], u.ID)
	}
	return func(s string) (int64, string) {
		key := strings.ToLower(strings.Join(strings.Fields(s), " "))
		if key == "" {
			return 0, kinerja.MsgUnitRequired
		}
		if id, ok := byPath[key]; ok {
			return id, ""
		}
		switch ids := byName[key]; len(ids) {
		case 1:
			return ids[0], ""
		case 0:
			return 0, kinerja.MsgImportUnitUnknown
		}
		return 0, kinerja.MsgImportUnitAmbiguous
	}
}

// orgEmployees reads every employee of org by NIP.
func orgEmployees(ctx context.Context, q queryer, org int64) (map[string]*kinerja.Employee, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+employeeColumns+` FROM employees e WHERE e.org_id = $1`, org)
	if err != nil {
		return nil, fmt.Errorf("read employees: %w", err)
	}
	defer rows.Close()
	out := map[string]*kinerja.Employee{}
	for rows.Next() {
		e, err := scanEmployee(rows)
		if err != nil {
			return nil, fmt.Errorf("read employees: %w", err)
		}
		out[e.NIP] = e
	}
	return out, rows.Err()
}

// importChanges reports whether a row differs from the stored employee.
func importChanges(p *importRow, nipOf map[int64]string) bool {
	e, in := p.existing, p.in
	sup := ""
	if e.SupervisorID != nil {
		sup = nipOf[*e.SupervisorID]
	}
	return e.Name != in.Name || e.Gender != in.Gender || e.BirthDate != in.BirthDate || e.Status != in.Status ||
		e.Grade != in.Grade || e.Position != in.Position || e.PositionKind != in.PositionKind || e.UnitID != in.UnitID ||
		sup != p.supNIP || e.Email != in.Email || e.Phone != in.Phone
}

// writeImport stores valid rows: new employees first without supervisors, so that rows may
// name supervisors further down the file, then every reporting line, history and audit.
func (tx *Tx) writeImport(ctx context.Context, a *kinerja.User, org int64, pending []*importRow, existing map[string]*kinerja.Employee, today kinerja.Date) error {
	ids := make(map[string]int64, len(existing)+len(pending))
	for nip, e := range existing {
		ids[nip] = e.ID
	}
	insert, err := tx.PrepareContext(ctx, `INSERT INTO employees (org_id, nip, name, gender, birth_date, status, grade, position,
			position_kind, unit_id, phone, email, active, inactive_reason, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, TRUE, '', $13, $13) RETURNING id`)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer insert.Close()
	update, err := tx.PrepareContext(ctx, `UPDATE employees SET name = $1, gender = $2, birth_date = $3, status = $4, grade = $5,
			position = $6, position_kind = $7, unit_id = $8, phone = $9, email = $10, updated_at = $11 WHERE id = $12`)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer update.Close()
	for _, p := range pending {
		in := p.in
		switch {
		case p.existing == nil:
			var id int64
			if err := insert.QueryRowContext(ctx, org, in.NIP, in.Name, in.Gender, dateValue(in.BirthDate), in.Status, in.Grade,
				in.Position, in.PositionKind, in.UnitID, in.Phone, in.Email, tx.now).Scan(&id); err != nil {
				return nipConflict(err)
			}
			ids[in.NIP] = id
		case p.changed:
			if _, err := update.ExecContext(ctx, in.Name, in.Gender, dateValue(in.BirthDate), in.Status, in.Grade, in.Position,
				in.PositionKind, in.UnitID, in.Phone, in.Email, tx.now, p.existing.ID); err != nil {
				return fmt.Errorf("import: %w", err)
			}
		}
	}
	setSup, err := tx.PrepareContext(ctx, `UPDATE employees SET supervisor_id = $1 WHERE id = $2`)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer setSup.Close()
	for _, p := range pending {
		if p.existing != nil && !p.changed {
			continue
		}
		var sup *int64
		if p.supNIP != "" {
			id := ids[p.supNIP]
			sup = &id
		}
		if _, err := setSup.ExecContext(ctx, sup, ids[p.in.NIP]); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		after, err := findEmployee(ctx, tx, ids[p.in.NIP])
		if err != nil {
			return err
		}
		action, before := kinerja.ActionCreate, (*kinerja.Employee)(nil)
		if p.existing != nil {
			action, before = kinerja.ActionUpdate, p.existing
		}
		if before == nil || before.Position != after.Position || before.PositionKind != after.PositionKind || before.Grade != after.Grade ||
			before.UnitID != after.UnitID || !sameID(before.SupervisorID, after.SupervisorID) {
			if err := tx.addHistory(ctx, a, after, kinerja.Date{}, today); err != nil {
				return err
			}
		}
		if err := tx.audit(ctx, a, &org, kinerja.EntityEmployee, after.ID, action, before, after); err != nil {
			return err
		}
	}
	return nil
}

// ExportEmployees returns every employee of the organisation, active or not, in name order.
// Only its admins may export: the list holds personal data.
func (db *DB) ExportEmployees(ctx context.Context, org int64) ([]*kinerja.Employee, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if org, err = db.orgOf(ctx, a, org); err != nil {
		return nil, err
	}
	if !kinerja.CanManageEmployees(a, org) {
		return nil, kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+employeeColumns+` FROM employees e WHERE e.org_id = $1 ORDER BY lower(e.name), e.id`, org)
	if err != nil {
		return nil, mapError(fmt.Errorf("export employees: %w", err))
	}
	defer rows.Close()
	out := []*kinerja.Employee{}
	for rows.Next() {
		e, err := scanEmployee(rows)
		if err != nil {
			return nil, mapError(fmt.Errorf("export employees: %w", err))
		}
		e.Access = kinerja.AccessFull
		out = append(out, e)
	}
	return out, mapError(rows.Err())
}
