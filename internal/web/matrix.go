package web

import (
	"net/http"
	"strconv"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// matrixData is the data of the Matriks Peran Hasil.
type matrixData struct {
	SKP       *kinerja.SKP
	Columns   []resultView // the supervisor's RHK, numbered within their kind
	Rows      []*kinerja.MatrixRow
	CanAssign bool
	FailedID  int64 // the column whose assign form was refused
	Form      form  // that form, with the employees that were ticked
}

// matrixURL is the address of the matrix of SKP id.
func matrixURL(id int64) string { return skpURL(id) + "/matrix" }

// matrix shows the Matriks Peran Hasil of an SKP: the supervisor's RHK against their direct
// subordinates, each cell the subordinate RHK that intervene the column. Its queries are
// bounded whatever the team size.
func (h *Handler) matrix(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathSKPID(w, r)
	if !ok {
		return
	}
	p := page{}
	if r.URL.Query().Get("ok") == string(flashAssigned) {
		if n, err := strconv.Atoi(r.URL.Query().Get("n")); err == nil && n > 0 && n <= kinerja.MaxLimit {
			p.Flash, p.FlashArgs = "flash."+string(flashAssigned), []any{n}
		}
	}
	h.renderMatrix(w, r, id, http.StatusOK, p, 0, newForm(nil, nil))
}

func (h *Handler) renderMatrix(w http.ResponseWriter, r *http.Request, id int64, status int, p page, failed int64, f form) {
	ctx := r.Context()
	m, err := h.db.ResultMatrix(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	can, err := h.db.SKPActions(ctx, m.SKP)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := matrixData{SKP: m.SKP, Rows: m.Rows, FailedID: failed, Form: f, CanAssign: can.Has(kinerja.ActionCascade)}
	main, extra := 0, 0
	for _, c := range m.Columns {
		rv := resultView{Result: c}
		if c.Kind == kinerja.ResultMain {
			main++
			rv.Number = main
		} else {
			extra++
			rv.Number = extra
		}
		d.Columns = append(d.Columns, rv)
	}
	p.Title, p.Data = "matrix.title", d
	h.render(w, r, status, "matrix", p)
}

// assignResult hands one RHK of the supervisor to the ticked subordinates: each gets an utama
// RHK intervening it in their SKP for the period, created as a draft when missing.
func (h *Handler) assignResult(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathSKPID(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	rid, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil || rid <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgResultNotFound)
		return
	}
	var ids []int64
	for _, s := range r.PostForm["employee_ids"] {
		e, err := strconv.ParseInt(s, 10, 64)
		if err != nil || e <= 0 {
			h.ErrorPage(w, r, http.StatusBadRequest, kinerja.MsgInvalidInput)
			return
		}
		ids = append(ids, e)
	}
	var out []*kinerja.Result
	if len(ids) == 0 {
		err = kinerja.FieldError("employee_ids", "matrix.choose_employees")
	} else {
		out, err = h.db.AssignResult(r.Context(), rid, ids)
	}
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		msg := kinerja.ErrorMessage(err)
		if m := kinerja.ErrorFields(err)["employee_ids"]; m != "" {
			msg = m
		}
		f := newForm(r.PostForm, &kinerja.Error{Code: kinerja.EINVALID, Message: msg, Fields: map[string]string{"employee_ids": msg}})
		h.renderMatrix(w, r, id, httperr.Status(err), page{Alert: msg}, rid, f)
		return
	}
	redirect(w, r, withFlash(matrixURL(id)+"?n="+strconv.Itoa(len(out)), flashAssigned))
}
