package demo

import (
	"context"
	"fmt"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// loadAssessments assesses the first quarter for everyone whose SKP is approved, in April,
// with a plausible spread of predikat and the organisation predikat set to baik; most
// acknowledge, some have not yet, and one objection is open. Employees already assessed for the quarter are left as they are.
func loadAssessments(ctx context.Context, db *sqldb.DB, org int64, ps []person, nips map[string]string, ids map[string]int64, sum *Summary) error {
	year := kinerja.Today(db.Now()).Year()
	q1 := fmt.Sprintf("%d-Q1", year)
	existing, err := db.FindAssessments(ctx, q1, nil)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return nil
	}
	// The quarter was assessed in its second week of April; most acknowledged a few days later.
	rated := kinerja.NewDate(year, time.April, 8)
	for rated.Time().Weekday() == time.Saturday || rated.Time().Weekday() == time.Sunday {
		rated = rated.AddDate(0, 0, 1)
	}
	restore := at(db, rated)
	defer restore()
	var acknowledge []int64
	if err := db.SetUnitRating(ctx, org, q1, kinerja.OrgBaik); err != nil {
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
	// Ratings by position in the list: mostly sesuai, some above, a few below.
	spread := [][2]kinerja.Rating{
		{kinerja.RatingMeets, kinerja.RatingMeets}, {kinerja.RatingAbove, kinerja.RatingMeets}, {kinerja.RatingMeets, kinerja.RatingMeets},
		{kinerja.RatingAbove, kinerja.RatingAbove}, {kinerja.RatingMeets, kinerja.RatingAbove}, {kinerja.RatingBelow, kinerja.RatingMeets},
		{kinerja.RatingMeets, kinerja.RatingMeets}, {kinerja.RatingMeets, kinerja.RatingBelow},
	}
	objector := ids[nips["staf.keuangan.1"]]
	for i, s := range approved {
		actx := ctx
		if s.AppraiserID != nil {
			actx = supervisorContext(ctx, org, *s.AppraiserID)
		}
		x, err := db.CreateAssessment(actx, s.ID, q1)
		if err != nil {
			return fmt.Errorf("demo assessment of %s: %w", s.Employee.Name, err)
		}
		r := spread[i%len(spread)]
		upd := kinerja.AssessmentUpdate{ResultRating: &r[0], BehaviorRating: &r[1],
			ResultReason:   ptr("Capaian indikator triwulan I sesuai bukti dukung aktivitas yang diverifikasi."),
			BehaviorReason: ptr("Berdasarkan pengamatan atasan dan umpan balik rekan kerja.")}
		// Staff who log their work are rated on what it achieved, RHK by RHK, as the form advises.
		if rr, overall, err := adviseResults(ctx, db, cfg, s.ID, q1); err != nil {
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
			_, err = db.FinalizeAssessment(actx, x.ID, "Kinerja triwulan I di atas rata-rata unit; dibahas dalam kalibrasi pimpinan.")
			if err != nil {
				return fmt.Errorf("demo finalise %s: %w", s.Employee.Name, err)
			}
		} else if err != nil {
			return fmt.Errorf("demo finalise %s: %w", s.Employee.Name, err)
		}
		sum.Assessments++
		if s.EmployeeID != objector && i%3 != 2 {
			acknowledge = append(acknowledge, x.ID)
		}
	}
	restore()
	defer at(db, rated.AddDate(0, 0, 3))()
	for _, x := range approved {
		if x.EmployeeID != objector {
			continue
		}
		mine, err := db.FindAssessments(ctx, q1, &x.EmployeeID)
		if err != nil || len(mine) != 1 {
			return fmt.Errorf("demo objection: %d assessments, %v", len(mine), err)
		}
		if _, err := db.ObjectAssessment(supervisorContext(ctx, org, objector), mine[0].ID,
			"Target laporan bulan Maret tertunda karena aplikasi keuangan daerah tidak dapat diakses selama dua minggu."); err != nil {
			return fmt.Errorf("demo objection: %w", err)
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
