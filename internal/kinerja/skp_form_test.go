package kinerja_test

import (
	"testing"
	"time"

	"kinerja/internal/kinerja"
)

func TestFormFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind        kinerja.PositionKind
		independent bool
		want        kinerja.SKPForm
	}{
		{kinerja.PositionJPT, false, kinerja.FormJPT},
		{kinerja.PositionAdministrator, true, kinerja.FormJPT},   // the Camat
		{kinerja.PositionAdministrator, false, kinerja.FormJAJF}, // the Sekretaris Kecamatan
		{kinerja.PositionPengawas, true, kinerja.FormJPT},        // a lurah
		{kinerja.PositionPengawas, false, kinerja.FormJAJF},      // a Kasi
		{kinerja.PositionPelaksana, false, kinerja.FormJAJF},
		{kinerja.PositionFungsional, false, kinerja.FormJAJF},
	}
	for _, tt := range tests {
		if got := kinerja.FormFor(tt.kind, tt.independent); got != tt.want {
			t.Errorf("FormFor(%s, %v) = %s; want %s", tt.kind, tt.independent, got, tt.want)
		}
	}
}

func TestSKPDueDateAndLate(t *testing.T) {
	t.Parallel()
	p := &kinerja.Period{Year: 2026, Start: kinerja.NewDate(2026, time.January, 1), End: kinerja.NewDate(2026, time.December, 31)}
	moved := kinerja.NewDate(2026, time.July, 1)
	custom := *p
	custom.SKPDueDate = kinerja.NewDate(2026, time.February, 14)
	tests := []struct {
		name string
		p    *kinerja.Period
		s    *kinerja.SKP
		want kinerja.Date
	}{
		{"the year's SKP", p, &kinerja.SKP{}, kinerja.NewDate(2026, time.January, 31)},
		{"the organisation's date", &custom, &kinerja.SKP{}, kinerja.NewDate(2026, time.February, 14)},
		{"after a transfer: 30 days after the move", p, &kinerja.SKP{StartDate: moved}, kinerja.NewDate(2026, time.July, 31)},
	}
	for _, tt := range tests {
		if got := kinerja.SKPDueDate(tt.p, tt.s); got != tt.want {
			t.Errorf("%s: SKPDueDate = %s; want %s", tt.name, got, tt.want)
		}
	}
	s := &kinerja.SKP{Status: kinerja.SKPSubmitted, DueDate: kinerja.NewDate(2026, time.January, 31)}
	for _, tc := range []struct {
		status kinerja.SKPStatus
		today  kinerja.Date
		want   bool
	}{
		{kinerja.SKPSubmitted, kinerja.NewDate(2026, time.January, 31), false},
		{kinerja.SKPSubmitted, kinerja.NewDate(2026, time.February, 1), true},
		{kinerja.SKPDraft, kinerja.NewDate(2026, time.March, 1), true},
		{kinerja.SKPApproved, kinerja.NewDate(2026, time.March, 1), false},
	} {
		s.Status = tc.status
		if got := s.Late(tc.today); got != tc.want {
			t.Errorf("Late(%s on %s) = %v; want %v", tc.status, tc.today, got, tc.want)
		}
	}
}

func TestTransferEnd(t *testing.T) {
	t.Parallel()
	p := &kinerja.Period{Year: 2026, Start: kinerja.NewDate(2026, time.January, 1), End: kinerja.NewDate(2026, time.December, 31)}
	tests := []struct {
		name  string
		s     *kinerja.SKP
		moved kinerja.Date
		want  kinerja.Date
		ok    bool
	}{
		{"mid-year", &kinerja.SKP{}, kinerja.NewDate(2026, time.July, 1), kinerja.NewDate(2026, time.June, 30), true},
		{"on the first day: nothing to close", &kinerja.SKP{}, kinerja.NewDate(2026, time.January, 1), kinerja.Date{}, false},
		{"after the year", &kinerja.SKP{}, kinerja.NewDate(2027, time.January, 2), kinerja.Date{}, false},
		{"second move", &kinerja.SKP{StartDate: kinerja.NewDate(2026, time.July, 1)}, kinerja.NewDate(2026, time.October, 1),
			kinerja.NewDate(2026, time.September, 30), true},
		{"before the SKP started", &kinerja.SKP{StartDate: kinerja.NewDate(2026, time.July, 1)}, kinerja.NewDate(2026, time.March, 1),
			kinerja.Date{}, false},
	}
	for _, tt := range tests {
		got, ok := kinerja.TransferEnd(p, tt.s, tt.moved)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: TransferEnd = %s, %v; want %s, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPeriodUpdateApply(t *testing.T) {
	t.Parallel()
	p := kinerja.Period{Year: 2026, Start: kinerja.NewDate(2026, time.January, 1), End: kinerja.NewDate(2026, time.December, 31), Cadence: kinerja.CadenceQuarterly}
	due, other, bad := kinerja.NewDate(2026, time.February, 14), kinerja.NewDate(2027, time.January, 31), kinerja.Cadence("weekly")
	if err := (kinerja.PeriodUpdate{SKPDue: &due}).Apply(&p); err != nil || p.SKPDue() != due {
		t.Errorf("Apply(skp_due) = %v, due %s", err, p.SKPDue())
	}
	if err := (kinerja.PeriodUpdate{SKPDue: &other}).Apply(&p); kinerja.ErrorCode(err) != kinerja.EINVALID {
		t.Errorf("Apply(skp_due in 2027) = %v; want invalid", err)
	}
	if err := (kinerja.PeriodUpdate{Cadence: &bad}).Apply(&p); kinerja.ErrorCode(err) != kinerja.EINVALID {
		t.Errorf("Apply(cadence weekly) = %v; want invalid", err)
	}
	zero := kinerja.Date{}
	if err := (kinerja.PeriodUpdate{SKPDue: &zero}).Apply(&p); err != nil || p.SKPDue() != kinerja.NewDate(2026, time.January, 31) {
		t.Errorf("Apply(skp_due null) = %v, due %s; want 31 January", err, p.SKPDue())
	}
}
