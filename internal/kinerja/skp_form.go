package kinerja

import (
	"slices"
	"time"
)

// FormFor returns the SKP form of an employee (PermenPANRB 6/2022, lampiran): the form of JPT
// and pimpinan unit kerja mandiri for a JPT and for whoever heads an independent work unit
// (Unit.Independent), whatever their position kind — a lurah (pengawas) heading a kelurahan
// writes it; the JA/JF form for everyone else, including an administrator heading a unit that
// is not independent, such as the Sekretaris Kecamatan.
func FormFor(k PositionKind, headsIndependentUnit bool) SKPForm {
	if k == PositionJPT || headsIndependentUnit {
		return FormJPT
	}
	return FormJAJF
}

// Perspective is the perspective a JPT RHK is grouped under in the lampiran of the JPT form
// (balanced scorecard: penerima layanan, proses bisnis, penguatan internal, anggaran).
type Perspective string

// Perspectives of the JPT form.
const (
	PerspectiveNone        Perspective = ""
	PerspectiveService     Perspective = "penerima_layanan"
	PerspectiveProcess     Perspective = "proses_bisnis"
	PerspectiveInternal    Perspective = "penguatan_internal"
	PerspectiveBudget      Perspective = "anggaran"
	MsgResultPerspective               = "Perspektif harus penerima_layanan, proses_bisnis, penguatan_internal atau anggaran."
	MsgResultStrategicGoal             = "Sasaran strategis paling banyak 1.000 karakter."
	MsgPeriodSKPDue                    = "Batas penetapan SKP harus tanggal di dalam tahun periode."
	MsgPeriodCadenceLocked             = "Siklus penilaian tidak dapat diubah karena periode tahun ini sudah memiliki penilaian."
)

// Perspectives lists the perspectives in the order of the lampiran.
var Perspectives = []Perspective{PerspectiveService, PerspectiveProcess, PerspectiveInternal, PerspectiveBudget}

// Valid reports whether p is empty or a known perspective.
func (p Perspective) Valid() bool { return p == PerspectiveNone || slices.Contains(Perspectives, p) }

// DefaultSKPDue is the day of the year by which an SKP is set: the end of January.
func DefaultSKPDue(year int) Date { return NewDate(year, time.January, 31) }

// SKPDue is the date by which the period's SKP are to be set (approved): the period's
// setting, else the end of January of its year.
func (p *Period) SKPDue() Date {
	if !p.SKPDueDate.IsZero() {
		return p.SKPDueDate
	}
	return DefaultSKPDue(p.Year)
}

// SKPDueDate is the date by which s is to be approved: the period's date for an SKP covering
// the year from its start, and for one started after a transfer as many days after its start
// as the period allows from its own start.
func SKPDueDate(p *Period, s *SKP) Date {
	due := p.SKPDue()
	if s.StartDate.IsZero() || !s.StartDate.After(p.Start) {
		return due
	}
	days := int(due.Time().Sub(p.Start.Time()).Hours() / 24)
	return s.StartDate.AddDate(0, 0, max(days, 0))
}

// Late reports whether s is late on today: not approved after its due date (DueDate, which
// the store fills from SKPDueDate).
func (s *SKP) Late(today Date) bool {
	return s.Status != SKPApproved && !s.DueDate.IsZero() && today.After(s.DueDate)
}

// Closed reports whether a transfer ended s before the end of its period.
func (s *SKP) Closed() bool { return !s.EndDate.IsZero() }

// Span returns the dates s covers within period p.
func (s *SKP) Span(p *Period) (Date, Date) {
	start, end := p.Start, p.End
	if !s.StartDate.IsZero() {
		start = s.StartDate
	}
	if !s.EndDate.IsZero() {
		end = s.EndDate
	}
	return start, end
}

// TransferEnd returns the end date of an SKP closed by a move that takes effect on moved: the
// day before. ok is false when the move does not fall inside the part of period p the SKP
// covers after its first day, so there is nothing to close.
func TransferEnd(p *Period, s *SKP, moved Date) (Date, bool) {
	start, end := s.Span(p)
	if !moved.After(start) || moved.After(end) {
		return Date{}, false
	}
	return moved.AddDate(0, 0, -1), true
}

// PeriodUpdate changes a period; nil leaves a field as it is. A zero SKPDue restores the end of
// January.
type PeriodUpdate struct {
	Cadence *Cadence `json:"cadence"`
	Closed  *bool    `json:"closed"`
	SKPDue  *Date    `json:"skp_due"`
}

// Apply checks upd and writes it into p.
func (upd PeriodUpdate) Apply(p *Period) error {
	if upd.Cadence != nil {
		n := NewPeriod{Year: p.Year, Cadence: *upd.Cadence, Start: p.Start, End: p.End}
		if err := n.Validate(); err != nil {
			return err
		}
		p.Cadence = *upd.Cadence
	}
	if upd.Closed != nil {
		p.Closed = *upd.Closed
	}
	if upd.SKPDue != nil {
		if !upd.SKPDue.IsZero() && upd.SKPDue.Year() != p.Year {
			return FieldError("skp_due", MsgPeriodSKPDue)
		}
		p.SKPDueDate = *upd.SKPDue
	}
	return nil
}
