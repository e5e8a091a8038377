package api

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kinerja/internal/document"
	"kinerja/internal/kinerja"
)

// Messages of the SKP endpoints that the domain does not already name.
const (
	msgSKPPeriodRequired = "Pilih periode SKP."
	msgSKPStatusFilter   = "Status harus draft, submitted, approved atau returned."
)

// skpDetail is an SKP as GET and the actions show it: its RHK with their indicators and the
// seven BerAKHLAK values with their guides and the expectation set on this SKP, both always
// present as lists.
type skpDetail struct {
	*kinerja.SKP
	Results   []*kinerja.Result `json:"results"`
	Behaviors []behaviorJSON    `json:"behaviors"`
}

// behaviorJSON is one BerAKHLAK value of an SKP.
type behaviorJSON struct {
	Value       string   `json:"value"`
	Name        string   `json:"name"`
	Guides      []string `json:"guides"`
	Expectation string   `json:"expectation"`
}

func newSKPDetail(s *kinerja.SKP) skpDetail {
	d := skpDetail{SKP: s, Results: s.Results, Behaviors: make([]behaviorJSON, len(kinerja.BerAKHLAK))}
	if d.Results == nil {
		d.Results = []*kinerja.Result{}
	}
	for _, res := range d.Results {
		normaliseResult(res)
	}
	for i, v := range kinerja.BerAKHLAK {
		d.Behaviors[i] = behaviorJSON{Value: v.Code, Name: v.Name, Guides: v.Guides}
		if j := slices.IndexFunc(s.Behaviors, func(b kinerja.Behavior) bool { return b.Value == v.Code }); j >= 0 {
			d.Behaviors[i].Expectation = s.Behaviors[j].Expectation
		}
	}
	return d
}

// normaliseResult makes a result without indicators show an empty list rather than null.
func normaliseResult(res *kinerja.Result) *kinerja.Result {
	if res.Indicators == nil {
		res.Indicators = []*kinerja.Indicator{}
	}
	return res
}

// listSKP lists the current version of SKP, paged by position. Rows carry the header only;
// GET /skp/{id} gives the RHK.
func (h *Handler) listSKP(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := offsetPageParams(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	q := r.URL.Query()
	f := kinerja.SKPFilter{Limit: limit, Offset: offset}
	var v kinerja.Validation
	if org := queryID(q, "org_id", &v); org != nil {
		f.OrgID = *org
	}
	if p := queryID(q, "period_id", &v); p != nil {
		f.PeriodID = *p
	}
	f.EmployeeID = queryID(q, "employee_id", &v)
	f.AppraiserID = queryID(q, "appraiser_id", &v)
	if s := q.Get("status"); s != "" {
		if f.Status = kinerja.SKPStatus(s); !slices.Contains(kinerja.SKPStatuses, f.Status) {
			v.Add("status", msgSKPStatusFilter)
		}
	}
	if s := q.Get("team"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			v.Add("team", kinerja.MsgInvalidInput)
		}
		f.Team = b
	}
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	skps, total, err := h.db.FindSKPs(r.Context(), f)
	if kinerja.ErrorCode(err) == kinerja.ENOTFOUND && f.OrgID == 0 {
		// An installation without organisations yet.
		writeJSON(w, http.StatusOK, newOffsetList([]*kinerja.SKP{}, 0, 0))
		return
	}
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newOffsetList(skps, offset, total))
}

// skpBody is the JSON of a new SKP.
type skpBody struct {
	EmployeeID *int64           `json:"employee_id"` // default: the caller's own employee
	PeriodID   int64            `json:"period_id"`
	Approach   kinerja.Approach `json:"approach"` // default: the source's with copy_from, else kuantitatif
	CopyFrom   *int64           `json:"copy_from"`
}

// createSKP starts an SKP, and with copy_from fills it with the RHK of an earlier one (last
// year's, typically).
func (h *Handler) createSKP(w http.ResponseWriter, r *http.Request) {
	var b skpBody
	if !h.decode(w, r, &b) {
		return
	}
	ctx := r.Context()
	var v kinerja.Validation
	if b.EmployeeID == nil {
		if b.EmployeeID = kinerja.UserFromContext(ctx).EmployeeID; b.EmployeeID == nil {
			v.Add("employee_id", kinerja.MsgSKPNoEmployee)
		}
	}
	if b.PeriodID <= 0 {
		v.Add("period_id", msgSKPPeriodRequired)
	}
	if b.CopyFrom != nil && *b.CopyFrom <= 0 {
		v.Add("copy_from", kinerja.MsgSKPNotFound)
	}
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	var s *kinerja.SKP
	var err error
	if b.CopyFrom != nil {
		s, err = h.db.CreateSKPCopy(ctx, *b.EmployeeID, b.PeriodID, b.Approach, *b.CopyFrom)
	} else {
		s, err = h.db.CreateSKP(ctx, *b.EmployeeID, b.PeriodID, b.Approach)
	}
	if err != nil {
		h.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/skp/"+strconv.FormatInt(s.ID, 10))
	writeJSON(w, http.StatusCreated, newSKPDetail(s))
}

func (h *Handler) getSKP(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	s, err := h.db.FindSKPByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newSKPDetail(s))
}

// updateSKP changes the approach and the lampiran of an editable SKP.
func (h *Handler) updateSKP(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var upd kinerja.SKPUpdate
	if !h.decode(w, r, &upd) {
		return
	}
	s, err := h.db.UpdateSKP(r.Context(), id, upd)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newSKPDetail(s))
}

// skpVersions lists every version of an SKP, the current one included.
func (h *Handler) skpVersions(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	versions, err := h.db.FindSKPVersions(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(versions, 0))
}

// skpAction runs one step of the workflow on the SKP of the path and answers with it.
func (h *Handler) skpAction(w http.ResponseWriter, r *http.Request, status int, act func(context.Context, int64) (*kinerja.SKP, error)) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	s, err := act(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", "/api/v1/skp/"+strconv.FormatInt(s.ID, 10))
	}
	writeJSON(w, status, newSKPDetail(s))
}

func (h *Handler) submitSKP(w http.ResponseWriter, r *http.Request) {
	h.skpAction(w, r, http.StatusOK, h.db.SubmitSKP)
}

func (h *Handler) approveSKP(w http.ResponseWriter, r *http.Request) {
	h.skpAction(w, r, http.StatusOK, h.db.ApproveSKP)
}

// reviseSKP opens a new draft version of an approved SKP; the old one stays readable.
func (h *Handler) reviseSKP(w http.ResponseWriter, r *http.Request) {
	h.skpAction(w, r, http.StatusCreated, h.db.ReviseSKP)
}

// returnSKP sends a submitted SKP back to the employee with a note on what to fix.
func (h *Handler) returnSKP(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Note string `json:"note"`
	}
	if !h.decode(w, r, &b) {
		return
	}
	note := strings.TrimSpace(b.Note)
	if note == "" {
		h.error(w, r, kinerja.FieldError("note", kinerja.MsgSKPReturnNote))
		return
	}
	h.skpAction(w, r, http.StatusOK, func(ctx context.Context, id int64) (*kinerja.SKP, error) {
		return h.db.ReturnSKP(ctx, id, note)
	})
}

// behaviorsBody is the JSON of PUT /skp/{id}/behaviors.
type behaviorsBody struct {
	Items []kinerja.Behavior `json:"items"`
}

// setBehaviors writes the pejabat penilai's expectations per BerAKHLAK value.
func (h *Handler) setBehaviors(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var b behaviorsBody
	if !h.decode(w, r, &b) {
		return
	}
	if b.Items == nil {
		b.Items = []kinerja.Behavior{}
	}
	s, err := h.db.SetBehaviors(r.Context(), id, b.Items)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newSKPDetail(s))
}

// listBehaviors lists the seven BerAKHLAK core values with their behaviour guides.
func (h *Handler) listBehaviors(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, newList(kinerja.BerAKHLAK, 0))
}

// skpPDF serves the SKP document.
func (h *Handler) skpPDF(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	h.serveFile(w, r, func() (*document.File, error) { return h.app.SKPDocument(r.Context(), id) })
}
