package demo

import (
	"context"
	"fmt"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// nationalHolidays are the public holidays with a fixed date; the others (Idul Fitri, Nyepi,
// Waisak…) move every year and are left to the organisation's admin.
var nationalHolidays = []struct {
	month time.Month
	day   int
	name  string
}{
	{time.January, 1, "Tahun Baru Masehi"}, {time.May, 1, "Hari Buruh Internasional"}, {time.June, 1, "Hari Lahir Pancasila"},
	{time.August, 17, "Hari Kemerdekaan Republik Indonesia"}, {time.December, 25, "Hari Raya Natal"},
}

// ensureHolidays puts the fixed national holidays of the year in the demo calendar, leaving
// days already in it as they are.
func ensureHolidays(ctx context.Context, db *sqldb.DB, org int64, year int) error {
	have, err := db.FindHolidays(ctx, org, year)
	if err != nil {
		return err
	}
	set := map[kinerja.Date]bool{}
	for _, h := range have {
		set[h.Date] = true
	}
	for _, h := range nationalHolidays {
		d := kinerja.NewDate(year, h.month, h.day)
		if set[d] {
			continue
		}
		if err := db.SetHoliday(ctx, org, kinerja.Holiday{Date: d, Name: h.name}); err != nil {
			return fmt.Errorf("demo holiday %s: %w", d, err)
		}
	}
	return nil
}

// agreedOn is the day the demo's SKP were agreed: the first working day of the year.
func agreedOn(year int) kinerja.Date {
	d := kinerja.NewDate(year, time.January, 2)
	for d.Time().Weekday() == time.Saturday || d.Time().Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// at sets the clock of db to a working hour of day (10.00 WIB), but never past the real now,
// and returns how to set it back.
func at(db *sqldb.DB, day kinerja.Date) (restore func()) {
	real := db.Now
	t := day.Time().Add(3 * time.Hour)
	if now := real(); t.After(now) {
		t = now
	}
	db.Now = func() time.Time { return t }
	return func() { db.Now = real }
}
