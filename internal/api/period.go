package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"kinerja/internal/kinerja"
)

// listPeriods lists the performance years of an organisation, newest first. The list is
// never paged: an organisation has one period a year.
func (h *Handler) listPeriods(w http.ResponseWriter, r *http.Request) {
	var v kinerja.Validation
	org := queryID(r.URL.Query(), "org_id", &v)
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	var orgID int64
	if org != nil {
		orgID = *org
	}
	periods, err := h.db.FindPeriods(r.Context(), orgID)
	if kinerja.ErrorCode(err) == kinerja.ENOTFOUND && org == nil {
		// An installation without organisations yet.
		writeJSON(w, http.StatusOK, newList([]*kinerja.Period{}, 0))
		return
	}
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(periods, 0))
}

// periodBody is the JSON of a new period. The dates are raw so that a bad date is reported
// under its own field name rather than as malformed JSON.
type periodBody struct {
	OrgID   int64           `json:"org_id"`
	Year    int             `json:"year"`
	Cadence kinerja.Cadence `json:"cadence"`
	Start   json.RawMessage `json:"start"`
	End     json.RawMessage `json:"end"`
}

func (h *Handler) createPeriod(w http.ResponseWriter, r *http.Request) {
	var b periodBody
	if !h.decode(w, r, &b) {
		return
	}
	n := kinerja.NewPeriod{OrgID: b.OrgID, Year: b.Year, Cadence: b.Cadence}
	var v kinerja.Validation
	for _, d := range []struct {
		name string
		raw  json.RawMessage
		dst  *kinerja.Date
	}{{"start", b.Start, &n.Start}, {"end", b.End, &n.End}} {
		if len(d.raw) > 0 {
			if err := d.dst.UnmarshalJSON(d.raw); err != nil {
				v.Add(d.name, kinerja.MsgBadDate)
			}
		}
	}
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	p, err := h.db.CreatePeriod(r.Context(), n)
	if err != nil {
		h.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/periods/"+strconv.FormatInt(p.ID, 10))
	writeJSON(w, http.StatusCreated, p)
}

func (h *Handler) getPeriod(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	p, err := h.db.FindPeriodByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (h *Handler) updatePeriod(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	// Absent fields keep their value; "skp_due": null restores the end of January.
	var p kinerja.PeriodUpdate
	if !h.decode(w, r, &p) {
		return
	}
	period, err := h.db.PatchPeriod(r.Context(), id, p)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, period)
}
