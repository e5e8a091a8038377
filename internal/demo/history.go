package demo

import (
	"context"
	"fmt"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// pastYear is one earlier performance year of the demo: the annual ratings of two staff of
// Seksi Kesejahteraan Rakyat and the chain of SKP their RHK cascade from.
type pastYear struct {
	back    int                          // years before the current one
	ratings map[string][2]kinerja.Rating // hasil kerja, perilaku kerja by person key
}

// history gives staf.kesra.2 a result below expectations two years running, a case for the
// HR review page, and staf.kesra.3 only one such year, which is not.
var history = []pastYear{
	{2, map[string][2]kinerja.Rating{"staf.kesra.2": {kinerja.RatingBelow, kinerja.RatingMeets}, "staf.kesra.3": {kinerja.RatingMeets, kinerja.RatingMeets}}},
	{1, map[string][2]kinerja.Rating{"staf.kesra.2": {kinerja.RatingBelow, kinerja.RatingMeets}, "staf.kesra.3": {kinerja.RatingBelow, kinerja.RatingAbove}}},
}

// historyChain are the people whose SKP the two staff cascade from, leaders first.
var historyChain = []string{"camat", "sekcam", "kasi.kesra", "staf.kesra.2", "staf.kesra.3"}

// loadHistory opens the two years before the current one with approved SKP for historyChain
// and the annual evaluations of the two staff, made in January after each year, and closes
// every year before the current one, as the admin does once its evaluations are done. Years
// that are open already are left as they are.
func loadHistory(ctx context.Context, db *sqldb.DB, org int64, ps []person, nips map[string]string, ids map[string]int64, sum *Summary) (err error) {
	current := kinerja.Today(db.Now()).Year()
	periods, err := db.FindPeriods(ctx, org)
	if err != nil {
		return err
	}
	open := map[int]bool{}
	for _, p := range periods {
		open[p.Year] = true
	}
	defer func() {
		if err == nil {
			err = closePastYears(ctx, db, org, current)
		}
	}()
	byKey := map[string]person{}
	for _, p := range ps {
		byKey[p.key] = p
	}
	for _, h := range history {
		year := current - h.back
		if open[year] {
			continue
		}
		if err := pastYearSKP(ctx, db, org, year, byKey, nips, ids, h, sum); err != nil {
			return err
		}
	}
	return nil
}

// closePastYears closes the periods of the years before current that are still open, in the
// January after each of them.
func closePastYears(ctx context.Context, db *sqldb.DB, org int64, current int) error {
	periods, err := db.FindPeriods(ctx, org)
	if err != nil {
		return err
	}
	closed := true
	for _, p := range periods {
		if p.Year >= current || p.Closed {
			continue
		}
		restore := at(db, kinerja.NewDate(p.Year+1, time.January, 31))
		_, err := db.UpdatePeriod(ctx, p.ID, nil, &closed)
		restore()
		if err != nil {
			return fmt.Errorf("demo closing %d: %w", p.Year, err)
		}
	}
	return nil
}

func pastYearSKP(ctx context.Context, db *sqldb.DB, org int64, year int, byKey map[string]person, nips map[string]string, ids map[string]int64, h pastYear, sum *Summary) error {
	restore := at(db, agreedOn(year))
	defer restore()
	period, err := db.CreatePeriod(ctx, kinerja.NewPeriod{OrgID: org, Year: year, Cadence: kinerja.CadenceQuarterly})
	if err != nil {
		return fmt.Errorf("demo year %d: %w", year, err)
	}
	rhk := map[string]int64{}
	skps := map[string]*kinerja.SKP{}
	for _, key := range historyChain {
		p := byKey[key]
		id := ids[nips[key]]
		s, err := db.CreateSKP(ctx, id, period.ID, kinerja.ApproachQuantitative)
		if err != nil {
			return fmt.Errorf("demo SKP %d of %s: %w", year, p.name, err)
		}
		sum.SKPCreated++
		text := "Terlaksananya tugas " + p.position + " tahun " + fmt.Sprint(year)
		if t := leaderRHK[key]; len(t) > 0 {
			text = t[0]
		}
		in := kinerja.ResultInput{Kind: kinerja.ResultMain, Text: text, Indicators: indicators(unitWord(p), 12)}
		if parent, ok := rhk[p.sup]; ok {
			in.ParentResultID = &parent
		}
		r, err := db.AddResult(ctx, s.ID, in)
		if err != nil {
			return fmt.Errorf("demo RHK %d of %s: %w", year, p.name, err)
		}
		rhk[key] = r.ID
		if _, err := db.SubmitSKP(ctx, s.ID); err != nil {
			return fmt.Errorf("demo submit %d of %s: %w", year, p.name, err)
		}
		actx := ctx
		if s.AppraiserID != nil {
			actx = supervisorContext(ctx, org, *s.AppraiserID)
		}
		if _, err := db.ApproveSKP(actx, s.ID); err != nil {
			return fmt.Errorf("demo approve %d of %s: %w", year, p.name, err)
		}
		skps[key] = s
	}
	restore()
	defer at(db, kinerja.NewDate(year+1, time.January, 15))()
	for _, key := range historyChain {
		rt, ok := h.ratings[key]
		if !ok {
			continue
		}
		s := skps[key]
		actx := supervisorContext(ctx, org, *s.AppraiserID)
		x, err := db.CreateAssessment(actx, s.ID, fmt.Sprint(year))
		if err != nil {
			return fmt.Errorf("demo annual %d of %s: %w", year, key, err)
		}
		upd := kinerja.AssessmentUpdate{ResultRating: &rt[0], BehaviorRating: &rt[1],
			ResultReason:   ptr("Capaian tahunan dibandingkan target SKP dan bukti dukung."),
			BehaviorReason: ptr("Berdasarkan pengamatan atasan dan umpan balik rekan kerja.")}
		if _, err := db.UpdateAssessment(actx, x.ID, upd); err != nil {
			return fmt.Errorf("demo annual rating %d of %s: %w", year, key, err)
		}
		if _, err := db.FinalizeAssessment(actx, x.ID, ""); err != nil {
			return fmt.Errorf("demo annual finalise %d of %s: %w", year, key, err)
		}
		if _, err := db.AcknowledgeAssessment(supervisorContext(ctx, org, s.EmployeeID), x.ID); err != nil {
			return fmt.Errorf("demo annual acknowledgement %d of %s: %w", year, key, err)
		}
		sum.Assessments++
	}
	return nil
}
