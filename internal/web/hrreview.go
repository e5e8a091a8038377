package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/sqldb"
)

// hrReviewData is the data of the HR review page.
type hrReviewData struct {
	Year  int
	Flags []sqldb.HRReviewFlag
}

// hrReview lists employees with Sangat Kurang or di bawah ekspektasi in two consecutive
// annual evaluations, for HR to review: a recommendation, never an automatic sanction.
func (h *Handler) hrReview(w http.ResponseWriter, r *http.Request) {
	// A year's annual evaluations are made once it has ended: last year is the one to review.
	year := h.today().Year() - 1
	if s := r.URL.Query().Get("year"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 2000 || y > 2100 {
			h.ErrorPage(w, r, http.StatusUnprocessableEntity, "hr_review.bad_year")
			return
		}
		year = y
	}
	flags, err := h.db.HRReviewFlags(r.Context(), year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "hr_review", page{Title: "hr_review.title", Data: hrReviewData{Year: year, Flags: flags}})
}
