package demo

import (
	"context"
	"fmt"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// activityTexts are typical daily work, by the unit word of the person.
var activityTexts = map[string][]string{
	"layanan":  {"Memverifikasi berkas KTP-el warga", "Melayani surat keterangan domisili", "Memproses pengantar pindah datang", "Menginput data kependudukan"},
	"laporan":  {"Menyusun laporan realisasi anggaran", "Merekap SPJ kegiatan", "Memeriksa kelengkapan bukti pembayaran"},
	"kegiatan": {"Patroli ketertiban bersama Satpol PP", "Pengawasan PKL di Jalan Asemrowo", "Sosialisasi ketertiban umum di RW 03"},
	"dokumen":  {"Memutakhirkan data penerima bantuan sosial", "Menyusun notulen rapat koordinasi", "Mengarsipkan surat masuk dan keluar", "Menyiapkan bahan rapat"},
}

// loadActivities gives the staff whose SKP are approved or submitted the year's daily
// activities so far: most approved by their supervisor, some logged late, some rejected, the
// last week's still waiting. The clock is set to each day as it is logged, so lateness and
// waiting times are real; people who already have activities are left as they are.
func loadActivities(ctx context.Context, db *sqldb.DB, org int64, ps []person, nips map[string]string, ids map[string]int64, sum *Summary) error {
	realNow := db.Now
	defer func() { db.Now = realNow }()
	today := kinerja.Today(realNow())
	start := agreedOn(today.Year())
	cal, err := holidays(ctx, db, org, start, today)
	if err != nil {
		return err
	}
	period := today.Year()
	for i, p := range ps {
		if p.kind != kinerja.PositionPelaksana && p.kind != kinerja.PositionFungsional {
			continue
		}
		id := ids[nips[p.key]]
		skps, _, err := db.FindSKPs(ctx, kinerja.SKPFilter{OrgID: org, EmployeeID: &id, Limit: 1})
		if err != nil {
			return err
		}
		if len(skps) == 0 || skps[0].Year != period || skps[0].Status == kinerja.SKPDraft || skps[0].Status == kinerja.SKPReturned {
			continue
		}
		if have, n, err := db.FindActivities(ctx, kinerja.ActivityFilter{EmployeeID: &id, Limit: 1}); err != nil {
			return err
		} else if n > 0 || len(have) > 0 {
			continue
		}
		s, err := db.FindSKPByID(ctx, skps[0].ID)
		if err != nil {
			return err
		}
		// Daily work goes to the main RHK; the additional ones have their own evidence.
		var main []*kinerja.Result
		for _, r := range s.Results {
			if r.Kind == kinerja.ResultMain {
				main = append(main, r)
			}
		}
		if len(main) == 0 {
			continue
		}
		e, err := db.FindEmployeeByID(ctx, id)
		if err != nil {
			return err
		}
		texts := activityTexts[unitWord(p)]
		var approve []int64
		n := 0
		for d := start; !d.After(today); d = d.AddDate(0, 0, 1) {
			if !cal.Working(d) || (d.Day()+i)%3 != 0 {
				continue
			}
			n++
			logged := d
			if n%9 == 0 { // now and then written up a week later: late
				logged = d.AddDate(0, 0, 7)
				if logged.After(today) {
					logged = today
				}
			}
			db.Now = func() time.Time { return logged.Time().Add(9 * time.Hour) } // 16.00 WIB
			a, err := db.CreateActivity(ctx, kinerja.ActivityInput{EmployeeID: id, Date: d, ResultID: main[n%len(main)].ID,
				Description: texts[n%len(texts)], Output: float64(1 + (n+i)%5), Unit: unitWord(p), Minutes: 60 + 15*(n%6)})
			if err != nil {
				return fmt.Errorf("demo activity of %s: %w", p.name, err)
			}
			sum.Activities++
			switch {
			case today.Time().Sub(d.Time()) < 6*24*time.Hour:
				// the last days wait in the supervisor's queue
			case n%11 == 0 && e.SupervisorID != nil:
				sup := supervisorContext(ctx, org, *e.SupervisorID)
				if _, err := db.RejectActivity(sup, a.ID, "Lengkapi bukti dukung (foto atau tanda terima)."); err != nil {
					return fmt.Errorf("demo reject: %w", err)
				}
			default:
				approve = append(approve, a.ID)
			}
		}
		db.Now = realNow
		if len(approve) > 0 && e.SupervisorID != nil {
			if _, err := db.ApproveActivities(supervisorContext(ctx, org, *e.SupervisorID), approve); err != nil {
				return fmt.Errorf("demo approve activities: %w", err)
			}
		}
	}
	return nil
}

// supervisorContext acts as an employee for the demo; the audit log shows "demo".
func supervisorContext(ctx context.Context, org, employee int64) context.Context {
	return kinerja.NewContextWithUser(ctx, &kinerja.User{Username: "demo", Name: "Demo", OrgID: &org,
		EmployeeID: &employee, Roles: []kinerja.Role{kinerja.RolePegawai}, Active: true})
}

func holidays(ctx context.Context, db *sqldb.DB, org int64, from, to kinerja.Date) (kinerja.Calendar, error) {
	cal := kinerja.Calendar{}
	for y := from.Year(); y <= to.Year(); y++ {
		hs, err := db.FindHolidays(ctx, org, y)
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			cal[h.Date] = h.Name
		}
	}
	return cal, nil
}
