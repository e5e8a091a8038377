package api

import (
	"encoding/json"
	"net/http"

	"kinerja/internal/kinerja"
)

// addResult adds an RHK with its indicators to an editable SKP.
func (h *Handler) addResult(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var in kinerja.ResultInput
	if !h.decode(w, r, &in) {
		return
	}
	res, err := h.db.AddResult(r.Context(), id, in)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, normaliseResult(res))
}

// skpResult reads the {id} and {result_id} of the path and returns the RHK, which must
// belong to that SKP: a result of another SKP is not found here.
func (h *Handler) skpResult(r *http.Request) (*kinerja.Result, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	rid, err := pathValueID(r, "result_id")
	if err != nil {
		return nil, err
	}
	s, err := h.db.FindSKPByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	for _, res := range s.Results {
		if res.ID == rid {
			return res, nil
		}
	}
	return nil, kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgResultNotFound)
}

// resultPatch is the JSON of a PATCH of an RHK: absent fields keep their value, and
// parent_result_id tells absent (keep) from null (clear). indicators replaces the whole list.
type resultPatch struct {
	Kind           *kinerja.ResultKind       `json:"kind"`
	Text           *string                   `json:"text"`
	ParentResultID json.RawMessage           `json:"parent_result_id"`
	Indicators     *[]kinerja.IndicatorInput `json:"indicators"`
}

func (h *Handler) updateResult(w http.ResponseWriter, r *http.Request) {
	var p resultPatch
	if !h.decode(w, r, &p) {
		return
	}
	res, err := h.skpResult(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var parent *int64
	if len(p.ParentResultID) > 0 {
		var ok bool
		if parent, ok = nullableID(p.ParentResultID); !ok {
			h.error(w, r, kinerja.FieldError("parent_result_id", kinerja.MsgInvalidInput))
			return
		}
	}
	res, err = h.db.PatchResult(r.Context(), res.ID, func(in *kinerja.ResultInput) error {
		set(&in.Kind, p.Kind)
		set(&in.Text, p.Text)
		set(&in.Indicators, p.Indicators)
		if len(p.ParentResultID) > 0 {
			in.ParentResultID = parent
		}
		return nil
	})
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, normaliseResult(res))
}

func (h *Handler) deleteResult(w http.ResponseWriter, r *http.Request) {
	res, err := h.skpResult(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if err := h.db.DeleteResult(r.Context(), res.ID); err != nil {
		h.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// assignResult hands one of the supervisor's RHK to direct subordinates: each gets a draft
// RHK in their SKP of the same period that intervenes it.
func (h *Handler) assignResult(w http.ResponseWriter, r *http.Request) {
	var b struct {
		EmployeeIDs []int64 `json:"employee_ids"`
	}
	if !h.decode(w, r, &b) {
		return
	}
	res, err := h.skpResult(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	created, err := h.db.AssignResult(r.Context(), res.ID, b.EmployeeIDs)
	if err != nil {
		h.error(w, r, err)
		return
	}
	for _, c := range created {
		normaliseResult(c)
	}
	writeJSON(w, http.StatusCreated, newList(created, 0))
}

// matrixJSON is the Matriks Peran Hasil with every list present.
type matrixJSON struct {
	SKP     *kinerja.SKP         `json:"skp"`
	Columns []*kinerja.Result    `json:"columns"`
	Rows    []*kinerja.MatrixRow `json:"rows"`
}

// skpMatrix shows a supervisor's RHK against their direct subordinates' RHK that intervene them.
func (h *Handler) skpMatrix(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	m, err := h.db.ResultMatrix(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	// The header only: its RHK are the columns.
	hdr := *m.SKP
	hdr.Results, hdr.Behaviors = nil, nil
	out := matrixJSON{SKP: &hdr, Columns: m.Columns, Rows: m.Rows}
	if out.Columns == nil {
		out.Columns = []*kinerja.Result{}
	}
	for _, c := range out.Columns {
		normaliseResult(c)
	}
	if out.Rows == nil {
		out.Rows = []*kinerja.MatrixRow{}
	}
	for _, row := range out.Rows {
		if row.Cells == nil {
			row.Cells = map[int64][]*kinerja.Result{}
		}
		for _, cell := range row.Cells {
			for _, res := range cell {
				normaliseResult(res)
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}
