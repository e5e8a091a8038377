package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// loadAssessments assesses every quarter of the current year that has ended, in the second
// week after it, for everyone whose SKP is approved, with a plausible spread of predikat and the
// organisation predikat set to baik; the quarter in progress is left to be assessed. In the
// latest assessed quarter most acknowledge, some have not yet and one objection is open; in an
// earlier one the same objection was made and decided by the atasan pejabat penilai. In the
// latest one the Kepala Seksi Ketenteraman dan Ketertiban Umum has not assessed the section's
// staff yet, which leaves the Kasi work to do. Quarters with assessments already are left as
// they are.
func loadAssessments(ctx context.Context, db *sqldb.DB, org int64, ps []person, nips map[string]string, ids map[string]int64, sum *Summary) error {
	quarters := endedQuarters(kinerja.Today(db.Now()))
	for i, q := range quarters {
		if err := assessQuarter(ctx, db, org, nips, ids, q, i == len(quarters)-1, sum); err != nil {
			return err
		}
	}
	return nil
}

// lateAppraiser is the person key of the Kasi who has not assessed the newest ended quarter yet.
const lateAppraiser = "kasi.trantib"

// endedQuarters are the quarters of today's year that have ended by today, oldest first.
func endedQuarters(today kinerja.Date) []kinerja.EvalPeriod {
	var out []kinerja.EvalPeriod
	for _, e := range kinerja.EvalPeriods(today.Year(), kinerja.CadenceQuarterly) {
		if strings.Contains(e.Key, "-Q") && e.End.Before(today) {
			out = append(out, e)
		}
	}
	return out
}

// assessQuarter assesses one ended quarter; latest tells whether it is the newest one, whose
// objection is still open and where some have not acknowledged yet.
func assessQuarter(ctx context.Context, db *sqldb.DB, org int64, nips map[string]string, ids map[string]int64, q kinerja.EvalPeriod, latest bool, sum *Summary) error {
	existing, err := db.FindAssessments(ctx, q.Key, nil)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return nil
	}
	// The quarter was assessed in the second week after it ended; most acknowledged a few days later.
	rated := q.End.AddDate(0, 0, 8)
	for rated.Time().Weekday() == time.Saturday || rated.Time().Weekday() == time.Sunday {
		rated = rated.AddDate(0, 0, 1)
	}
	restore := at(db, rated)
	defer func() { restore() }()
	var acknowledge []int64
	if err := db.SetUnitRating(ctx, org, q.Key, kinerja.OrgBaik); err != nil {
		return fmt.Errorf("demo organisation predikat: %w", err)
	}
	cfg, err := db.FindSettings(ctx, org)
	if err != nil {
		return err
	}
	approved, _, err := db.FindSKPs(ctx, kinerja.SKPFilter{OrgID: org, Status: kinerja.SKPApproved, Limit: kinerja.MaxLimit})
	if err != nil {
		return err
	}
	// Ratings by position in the list: mostly sesuai, some above, a few below; shifted a little
	// from quarter to quarter so people do not get the same predikat every time.
	spread := [][2]kinerja.Rating{
		{kinerja.RatingMeets, kinerja.RatingMeets}, {kinerja.RatingAbove, kinerja.RatingMeets}, {kinerja.RatingMeets, kinerja.RatingMeets},
		{kinerja.RatingAbove, kinerja.RatingAbove}, {kinerja.RatingMeets, kinerja.RatingAbove}, {kinerja.RatingBelow, kinerja.RatingMeets},
		{kinerja.RatingMeets, kinerja.RatingMeets}, {kinerja.RatingMeets, kinerja.RatingBelow},
	}
	shift := int(q.Start.Month()-1) / 3
	quarter := "triwulan " + []string{"I", "II", "III", "IV"}[shift]
	objector := ids[nips["staf.keuangan.1"]]
	late := ids[nips[lateAppraiser]]
	for i, s := range approved {
		if latest && s.AppraiserID != nil && *s.AppraiserID == late {
			continue
		}
		actx := ctx
		if s.AppraiserID != nil {
			actx = supervisorContext(ctx, org, *s.AppraiserID)
		}
		x, err := db.CreateAssessment(actx, s.ID, q.Key)
		if err != nil {
			return fmt.Errorf("demo assessment of %s: %w", s.Employee.Name, err)
		}
		r := spread[(i+shift)%len(spread)]
		upd := kinerja.AssessmentUpdate{ResultRating: &r[0], BehaviorRating: &r[1],
			ResultReason:   ptr("Capaian indikator " + quarter + " sesuai bukti dukung aktivitas yang diverifikasi."),
			BehaviorReason: ptr("Berdasarkan pengamatan atasan dan umpan balik rekan kerja.")}
		// Staff who log their work are rated on what it achieved, RHK by RHK, as the form advises.
		if rr, overall, err := adviseResults(ctx, db, cfg, s.ID, q.Key); err != nil {
			return err
		} else if overall != "" {
			upd.ResultRatings, upd.ResultRating = rr, &overall
		}
		if x.ResultRating != "" { // a head: the rating hasil kerja follows the organisation predikat
			upd.ResultRating = &x.ResultRating
		}
		if _, err := db.UpdateAssessment(actx, x.ID, upd); err != nil {
			return fmt.Errorf("demo rating of %s: %w", s.Employee.Name, err)
		}
		if _, err := db.FinalizeAssessment(actx, x.ID, ""); kinerja.ErrorFields(err)["justification"] != "" {
			_, err = db.FinalizeAssessment(actx, x.ID, "Kinerja "+quarter+" di atas rata-rata unit; dibahas dalam kalibrasi pimpinan.")
			if err != nil {
				return fmt.Errorf("demo finalise %s: %w", s.Employee.Name, err)
			}
		} else if err != nil {
			return fmt.Errorf("demo finalise %s: %w", s.Employee.Name, err)
		}
		sum.Assessments++
		if s.EmployeeID != objector && (!latest || i%3 != 2) {
			acknowledge = append(acknowledge, x.ID)
		}
	}
	restore()
	restore = at(db, rated.AddDate(0, 0, 3))
	for _, x := range approved {
		if x.EmployeeID != objector {
			continue
		}
		mine, err := db.FindAssessments(ctx, q.Key, &x.EmployeeID)
		if err != nil || len(mine) != 1 {
			return fmt.Errorf("demo objection: %d assessments, %v", len(mine), err)
		}
		if _, err := db.ObjectAssessment(supervisorContext(ctx, org, objector), mine[0].ID,
			"Target laporan akhir "+quarter+" tertunda karena aplikasi keuangan daerah tidak dapat diakses selama dua minggu."); err != nil {
			return fmt.Errorf("demo objection: %w", err)
		}
		if latest || x.AppraiserID == nil {
			continue
		}
		// The atasan pejabat penilai decided the earlier objection a week later.
		appraiser, err := db.FindEmployeeByID(ctx, *x.AppraiserID)
		if err != nil || appraiser.SupervisorID == nil {
			return fmt.Errorf("demo objection decider: %v", err)
		}
		restore()
		restore = at(db, rated.AddDate(0, 0, 10))
		if _, err := db.DecideObjection(supervisorContext(ctx, org, *appraiser.SupervisorID), mine[0].ID, kinerja.DecisionChange,
			kinerja.RatingMeets, kinerja.RatingMeets, "Bukti gangguan aplikasi keuangan daerah dari BPKAD diterima; target bulan terakhir tidak dihitung."); err != nil {
			return fmt.Errorf("demo objection decision: %w", err)
		}
	}
	for _, id := range acknowledge {
		x, err := db.FindAssessmentByID(ctx, id)
		if err != nil {
			return err
		}
		if _, err := db.AcknowledgeAssessment(supervisorContext(ctx, org, x.EmployeeID), id); err != nil {
			return fmt.Errorf("demo acknowledgement: %w", err)
		}
	}
	return nil
}

// adviseResults rates each RHK of an SKP with logged work as its achievement in the period
// advises, and the whole by the first main RHK; overall is empty when nothing was logged.
func adviseResults(ctx context.Context, db *sqldb.DB, cfg kinerja.OrgSettings, skp int64, period string) (map[int64]kinerja.Rating, kinerja.Rating, error) {
	re, err := db.FindRealisation(ctx, skp, period)
	if err != nil {
		return nil, "", err
	}
	out := map[int64]kinerja.Rating{}
	var overall kinerja.Rating
	for _, r := range re {
		if r.Aspect != kinerja.AspectQuantity || r.Percent == nil || r.Computed == nil || *r.Computed == 0 {
			continue
		}
		out[r.ResultID] = cfg.AchievementAdvice(*r.Percent)
		if overall == "" {
			overall = out[r.ResultID]
		}
	}
	return out, overall, nil
}

func ptr[T any](v T) *T { return &v }
