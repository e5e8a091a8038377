package app

import (
	"context"
	"io"
	"strconv"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

// SKPDocument renders the SKP document of an SKP the caller may read.
func (a *App) SKPDocument(ctx context.Context, id int64) (*document.File, error) {
	s, err := a.db.FindSKPByID(ctx, id)
	if err != nil {
		return nil, err
	}
	p, err := a.db.FindPeriodByID(ctx, s.PeriodID)
	if err != nil {
		return nil, err
	}
	org, err := a.db.FindUnitByID(ctx, s.OrgID)
	if err != nil {
		return nil, err
	}
	d := document.SKPDocument{SKP: s, Organisation: org.Name, Place: document.DefaultPlace,
		Date: document.SigningDate(s.ApprovedAt, a.today()), PeriodStart: p.Start, PeriodEnd: p.End}
	return document.Render(document.SKPFileName(s.Employee.NIP, p.Year), document.TypePDF, func(w io.Writer) error {
		return document.WriteSKPPDF(w, d)
	})
}

// EvaluationDocument renders the Dokumen Evaluasi Kinerja Pegawai of an assessment the caller
// may read.
func (a *App) EvaluationDocument(ctx context.Context, id int64) (*document.File, error) {
	e, err := a.db.FindEvaluationData(ctx, id)
	if err != nil {
		return nil, err
	}
	x := e.Assessment
	d := document.EvaluationDocument{Assessment: x, SKP: e.SKP, Realisation: e.Realisation, Feedback: e.Feedback,
		Organisation: e.Organisation, OrgPredikat: e.OrgPredikat, PeriodLabel: document.PeriodLabel(x.Period),
		Decider: e.Decider, Periodic: e.Periodic,
		Place: document.DefaultPlace, Date: document.SigningDate(x.FinalizedAt, a.today())}
	if e.Period != nil {
		if from, to, ok := kinerja.EvalPeriodSpan(x.Period, e.Period.Start, e.Period.End); ok {
			d.PeriodStart, d.PeriodEnd = from, to
		}
	}
	return document.Render(document.EvaluationFileName(e.SKP.Employee.NIP, x.Period), document.TypePDF, func(w io.Writer) error {
		return document.WriteEvaluationPDF(w, d)
	})
}

// UnitRecap renders the XLSX recap of a unit's assessments for an evaluation period: one row
// per active employee of the unit and its sub-units, assessed or not, however many there are.
func (a *App) UnitRecap(ctx context.Context, unitID int64, period string) (*document.File, error) {
	rc, err := a.db.FindUnitRecap(ctx, unitID, period)
	if err != nil {
		return nil, err
	}
	rows := make([]document.RecapRow, 0, len(rc.Employees))
	for _, e := range rc.Employees {
		rows = append(rows, document.RecapRow{Employee: e.Directory(), NIP: e.NIP, Assessment: rc.Assessments[e.ID]})
	}
	name := "rekap-" + strconv.FormatInt(unitID, 10) + "-" + period + ".xlsx"
	return document.Render(name, document.TypeXLSX, func(w io.Writer) error {
		return document.WriteRecapXLSX(w, rc.Unit.Name, document.PeriodLabel(period), rows, rc.Distribution)
	})
}

// EmployeeExport renders every employee of an organisation (0: the caller's) in the import
// layout, so the file can be edited and imported again. Admins only: it holds personal data.
func (a *App) EmployeeExport(ctx context.Context, org int64) (*document.File, error) {
	employees, err := a.db.ExportEmployees(ctx, org)
	if err != nil {
		return nil, err
	}
	o, units, err := a.organisation(ctx, org)
	if err != nil {
		return nil, err
	}
	x := document.NewEmployeeExport(employees, units)
	return document.Render(document.ExportFileName(o.Name, a.today()), document.TypeXLSX, func(w io.Writer) error {
		return document.WriteEmployeesXLSX(w, x)
	})
}

// ImportTemplate renders the employee import template of an organisation (0: the caller's):
// XLSX with the organisation's units listed, or a plain CSV.
func (a *App) ImportTemplate(ctx context.Context, org int64, csv bool) (*document.File, error) {
	if csv {
		return document.Render("template-impor-pegawai.csv", document.TypeCSV, document.WriteEmployeeTemplateCSV)
	}
	_, units, err := a.organisation(ctx, org)
	if err != nil {
		return nil, err
	}
	return document.Render("template-impor-pegawai.xlsx", document.TypeXLSX, func(w io.Writer) error {
		return document.WriteEmployeeTemplate(w, units)
	})
}

// ImportEmployees reads an employee file (.csv or .xlsx, by name) and imports it into an
// organisation (0: the caller's), all or nothing. It reads at most document.MaxFileBytes of
// file, in memory: nothing is written to disk. A file that cannot be read is an invalid
// "file" field (wrapping document.ErrFileTooLarge for one too large); a file with errors
// comes back as a report with them and writes nothing.
func (a *App) ImportEmployees(ctx context.Context, org int64, file io.Reader, name string, dryRun bool) (*kinerja.ImportReport, error) {
	rows, headerErrs, err := document.ReadEmployeeFile(file, name)
	if err != nil {
		if kinerja.ErrorCode(err) == kinerja.EINVALID {
			// The cause stays wrapped: document.ErrFileTooLarge is answered with 413.
			msg := kinerja.ErrorMessage(err)
			return nil, &kinerja.Error{Code: kinerja.EINVALID, Message: msg, Fields: map[string]string{"file": msg}, Err: err}
		}
		return nil, err
	}
	if len(headerErrs) > 0 {
		return &kinerja.ImportReport{DryRun: dryRun, Errors: headerErrs}, nil
	}
	rep, err := a.db.ImportEmployees(ctx, org, rows, dryRun)
	if err != nil && (rep == nil || len(rep.Errors) == 0) {
		return nil, err
	}
	return rep, nil
}

// organisation returns the root unit of org, or of the caller's organisation for 0, with its
// units, which the employee files name by path.
func (a *App) organisation(ctx context.Context, org int64) (*kinerja.Unit, []*kinerja.Unit, error) {
	if org == 0 {
		var err error
		if org, err = a.db.UnitOrg(ctx); err != nil {
			return nil, nil, err
		}
	}
	o, err := a.db.FindUnitByID(ctx, org)
	if err != nil {
		return nil, nil, err
	}
	units, err := a.db.FindUnits(ctx, o.ID)
	return o, units, err
}
