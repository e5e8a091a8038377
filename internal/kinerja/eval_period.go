package kinerja

// EvalPeriodSpan returns the dates an evaluation period key covers within a performance
// period from start to end: the month, quarter, semester or year of the key, cut to the
// performance period (an SKP that starts in July is evaluated for Q3 from 1 July). ok is
// false for a key of no cadence or one that does not meet the performance period.
func EvalPeriodSpan(key string, start, end Date) (from, to Date, ok bool) {
	y, ok := EvalKeyYear(key)
	if !ok {
		return Date{}, Date{}, false
	}
	for _, c := range []Cadence{CadenceMonthly, CadenceQuarterly, CadenceSemester} {
		p, found := FindEvalPeriod(y, c, key)
		if !found {
			continue
		}
		from, to = p.Start, p.End
		if !start.IsZero() && start.After(from) {
			from = start
		}
		if !end.IsZero() && end.Before(to) {
			to = end
		}
		return from, to, !to.Before(from)
	}
	return Date{}, Date{}, false
}

// PeriodicKey reports whether an evaluation period key is a periodic one (a month, quarter
// or semester) rather than the year.
func PeriodicKey(key string) bool {
	_, ok := EvalKeyYear(key)
	return ok && len(key) > 4
}
