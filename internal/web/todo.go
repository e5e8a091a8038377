package web

import (
	"net/url"
	"strconv"

	"kinerja/internal/kinerja"
)

// todoRow is one thing the reader owes, as the home page lists it.
type todoRow struct {
	ID   string // the element id, stable for tests and links
	Kind kinerja.TodoKind
	Text string
	Due  string
	Late bool
	URL  string
}

// todoRows writes the reader's to-do items in their language, with the page that does each.
func todoRows(c *catalogues, locale string, items []kinerja.TodoItem) []todoRow {
	rows := make([]todoRow, len(items))
	for i, it := range items {
		due := c.formatDay(locale, it.Due)
		period := ""
		if it.Period != "" {
			period = evalLabel(c, locale, it.Period)
		}
		r := todoRow{Kind: it.Kind, Late: it.Late, Due: due, ID: "todo-" + strconv.Itoa(i+1)}
		key := "todo." + string(it.Kind)
		switch it.Kind {
		case kinerja.TodoWriteSKP:
			r.Text, r.URL = c.translate(locale, key, period), "/skp"
			if it.SKPID != nil {
				r.URL = skpURL(*it.SKPID)
			}
		case kinerja.TodoApproveSKP:
			r.Text = c.translate(locale, key, it.Title, period)
			r.URL = skpURL(*it.SKPID)
		case kinerja.TodoVerifyActivities:
			r.Text, r.URL = c.translate(locale, key, it.Count, c.formatDay(locale, it.Oldest)), "/activities/verify"
		case kinerja.TodoAssess:
			r.Text = c.translate(locale, key, it.Title, period)
			r.URL = "/assessments/team?period=" + url.QueryEscape(it.Period)
			if it.AssessmentID != nil {
				r.URL = assessmentURL(*it.AssessmentID)
			}
		case kinerja.TodoAnswerAssessment:
			if it.Late {
				key += "_late" // the window has closed: only accepting is left
			}
			r.Text, r.URL = c.translate(locale, key, period, due), assessmentURL(*it.AssessmentID)
		case kinerja.TodoDecideObjection:
			r.Text, r.URL = c.translate(locale, key, it.Title, period), assessmentURL(*it.AssessmentID)
		default:
			r.Text = it.Title
		}
		rows[i] = r
	}
	return rows
}
