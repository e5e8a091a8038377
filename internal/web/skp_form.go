package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// editableSKP finds the SKP of the URL for one of its forms, when the reader may edit it now
// (kinerja.CheckSKP). It answers with the error page itself otherwise (403, or 409 for an SKP
// that is read-only now).
func (h *Handler) editableSKP(w http.ResponseWriter, r *http.Request) (*kinerja.SKP, bool) {
	return h.pathSKPFor(w, r, kinerja.ActionEdit)
}

// pathSKPFor finds the SKP of the URL for a page that takes action on it, when the domain
// permits the reader that action now; it answers with the error page itself otherwise.
func (h *Handler) pathSKPFor(w http.ResponseWriter, r *http.Request, action kinerja.Action) (*kinerja.SKP, bool) {
	s, ok := h.pathSKP(w, r)
	if !ok {
		return nil, false
	}
	if err := h.db.CheckSKP(r.Context(), s, action); err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return s, true
}

// skpFormData is the data of the SKP header form: approach and lampiran.
type skpFormData struct {
	SKP  *kinerja.SKP
	Form form
}

// skpFormFields are the fields of the header form.
var skpFormFields = []string{"approach", "resources", "accountability", "consequences"}

// editSKP shows the approach and lampiran form of an editable SKP.
func (h *Handler) editSKP(w http.ResponseWriter, r *http.Request) {
	s, ok := h.editableSKP(w, r)
	if !ok {
		return
	}
	values := url.Values{"approach": {string(s.Approach)}, "resources": {s.Resources},
		"accountability": {s.Accountability}, "consequences": {s.Consequences}}
	h.render(w, r, http.StatusOK, "skp_edit", page{Title: "skp_edit.title", Data: skpFormData{SKP: s, Form: newForm(values, nil)}})
}

// updateSKP saves the approach (while the SKP has no RHK) and the lampiran.
func (h *Handler) updateSKP(w http.ResponseWriter, r *http.Request) {
	s, ok := h.editableSKP(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	get := func(name string) *string {
		if !r.PostForm.Has(name) {
			return nil
		}
		v := r.PostForm.Get(name)
		return &v
	}
	upd := kinerja.SKPUpdate{Resources: get("resources"), Accountability: get("accountability"), Consequences: get("consequences")}
	if a := get("approach"); a != nil && len(s.Results) == 0 {
		approach := kinerja.Approach(*a)
		upd.Approach = &approach
	}
	if _, err := h.db.UpdateSKP(r.Context(), s.ID, upd); err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, httperr.Status(err), "skp_edit", page{Title: "skp_edit.title", Alert: alertFor(err, skpFormFields...),
			Data: skpFormData{SKP: s, Form: newForm(r.PostForm, err)}})
		return
	}
	redirect(w, r, withFlash(skpURL(s.ID), flashSKPUpdated))
}

// behaviorsData is the data of the behaviour expectations form.
type behaviorsData struct {
	SKP    *kinerja.SKP
	Values []behaviorView
	Form   form
}

// behaviorField is the form field of the expectation for a BerAKHLAK value.
func behaviorField(code string) string { return "expectation_" + code }

// behaviorsSKP finds the SKP of the URL for its expectations form: its pejabat penilai (or
// an admin) writes them until the SKP is approved.
func (h *Handler) behaviorsSKP(w http.ResponseWriter, r *http.Request) (*kinerja.SKP, bool) {
	return h.pathSKPFor(w, r, kinerja.ActionSetBehaviors)
}

// editBehaviors shows the seven values with their guides and a text area for each
// expectation.
func (h *Handler) editBehaviors(w http.ResponseWriter, r *http.Request) {
	s, ok := h.behaviorsSKP(w, r)
	if !ok {
		return
	}
	values := url.Values{}
	for _, b := range s.Behaviors {
		values.Set(behaviorField(b.Value), b.Expectation)
	}
	h.render(w, r, http.StatusOK, "skp_behaviors", page{Title: "skp_behaviors.title",
		Data: behaviorsData{SKP: s, Values: behaviorViews(s.Behaviors), Form: newForm(values, nil)}})
}

// saveBehaviors stores the expectation of every value; an empty one removes it.
func (h *Handler) saveBehaviors(w http.ResponseWriter, r *http.Request) {
	s, ok := h.behaviorsSKP(w, r)
	if !ok || !h.parseForm(w, r) {
		return
	}
	bs := make([]kinerja.Behavior, len(kinerja.BerAKHLAK))
	for i, v := range kinerja.BerAKHLAK {
		bs[i] = kinerja.Behavior{Value: v.Code, Expectation: strings.TrimSpace(r.PostForm.Get(behaviorField(v.Code)))}
	}
	if _, err := h.db.SetBehaviors(r.Context(), s.ID, bs); err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		// The store names items by position; the form names them by value.
		fields := map[string]string{}
		for k, msg := range kinerja.ErrorFields(err) {
			if n, _, ok := strings.Cut(strings.TrimPrefix(k, "items."), "."); ok {
				if i, err := strconv.Atoi(n); err == nil && i >= 0 && i < len(bs) {
					k = behaviorField(bs[i].Value)
				}
			}
			fields[k] = msg
		}
		err = &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.ErrorMessage(err), Fields: fields}
		h.render(w, r, http.StatusUnprocessableEntity, "skp_behaviors", page{Title: "skp_behaviors.title", Alert: kinerja.ErrorMessage(err),
			Data: behaviorsData{SKP: s, Values: behaviorViews(s.Behaviors), Form: newForm(r.PostForm, err)}})
		return
	}
	redirect(w, r, withFlash(skpURL(s.ID), flashBehaviorsSaved))
}
