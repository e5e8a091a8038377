package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"kinerja/internal/kinerja"
)

// unitJSON is a unit as the API shows it: the fields of CONTRACT.md first.
type unitJSON struct {
	ID       int64            `json:"id"`
	Name     string           `json:"name"`
	Kind     kinerja.UnitKind `json:"kind"`
	ParentID *int64           `json:"parent_id"`
	OrgID    int64            `json:"org_id"`
	HeadID   *int64           `json:"head_id"`
	// Independent marks an independent work unit (unit kerja mandiri), whose head writes the
	// JPT form of SKP.
	Independent bool      `json:"independent"`
	Depth       int       `json:"depth"`
	Path        string    `json:"path"`
	Employees   int       `json:"employees"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

func newUnitJSON(u *kinerja.Unit) unitJSON {
	return unitJSON{ID: u.ID, Name: u.Name, Kind: u.Kind, ParentID: u.ParentID, OrgID: u.OrgID, HeadID: u.HeadID, Independent: u.Independent,
		Depth: u.Depth, Path: u.Path, Employees: u.Employees, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

func unitsJSON(units []*kinerja.Unit) []unitJSON {
	out := make([]unitJSON, len(units))
	for i, u := range units {
		out[i] = newUnitJSON(u)
	}
	return out
}

// orgParam returns the organisation a request is about: ?org_id= when given, else the
// caller's own. The store keeps every caller but the installation admin to their own.
func (h *Handler) orgParam(r *http.Request) (int64, error) {
	if s := r.URL.Query().Get("org_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return 0, kinerja.FieldError("org_id", kinerja.MsgInvalidInput)
		}
		return id, nil
	}
	return h.db.UnitOrg(r.Context())
}

// listUnits lists the tree of one organisation depth-first. The list is never paged: a tree
// is read whole.
func (h *Handler) listUnits(w http.ResponseWriter, r *http.Request) {
	org, err := h.orgParam(r)
	if kinerja.ErrorCode(err) == kinerja.ENOTFOUND && r.URL.Query().Get("org_id") == "" {
		// An installation without organisations yet.
		writeJSON(w, http.StatusOK, newList([]unitJSON{}, 0))
		return
	}
	if err != nil {
		h.error(w, r, err)
		return
	}
	units, err := h.db.FindUnits(r.Context(), org)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(unitsJSON(units), 0))
}

func (h *Handler) listOrganisations(w http.ResponseWriter, r *http.Request) {
	orgs, err := h.db.FindOrganisations(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(unitsJSON(orgs), 0))
}

func (h *Handler) createUnit(w http.ResponseWriter, r *http.Request) {
	var n kinerja.NewUnit
	if !h.decode(w, r, &n) {
		return
	}
	u, err := h.db.CreateUnit(r.Context(), n)
	if err != nil {
		h.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/units/"+strconv.FormatInt(u.ID, 10))
	writeJSON(w, http.StatusCreated, newUnitJSON(u))
}

func (h *Handler) getUnit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	u, err := h.db.FindUnitByID(r.Context(), id)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newUnitJSON(u))
}

// msgUnitParentRequired answers a PATCH that would make a unit a new organisation.
const msgUnitParentRequired = "Pilih induk unit: sebuah unit tidak dapat dijadikan organisasi baru."

// unitPatch tells an absent head_id (keep) from null (clear), and an absent parent_id from null.
type unitPatch struct {
	Name        *string           `json:"name"`
	Kind        *kinerja.UnitKind `json:"kind"`
	ParentID    json.RawMessage   `json:"parent_id"`
	HeadID      json.RawMessage   `json:"head_id"`
	Independent *bool             `json:"independent"`
}

func (h *Handler) updateUnit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	var p unitPatch
	if !h.decode(w, r, &p) {
		return
	}
	upd := kinerja.UnitUpdate{Name: p.Name, Kind: p.Kind, Independent: p.Independent}
	var v kinerja.Validation
	if len(p.HeadID) > 0 {
		head, ok := nullableID(p.HeadID)
		if !ok {
			v.Add("head_id", kinerja.MsgInvalidInput)
		}
		upd.HeadID = &head
	}
	if len(p.ParentID) > 0 {
		parent, ok := nullableID(p.ParentID)
		switch {
		case !ok:
			v.Add("parent_id", kinerja.MsgInvalidInput)
		case parent != nil:
			upd.ParentID = parent
		default:
			// null keeps an organisation a root (a client may send back what it read), but no
			// unit becomes a new organisation by losing its parent.
			u, err := h.db.FindUnitByID(r.Context(), id)
			if err != nil {
				h.error(w, r, err)
				return
			}
			if !u.IsOrganisation() {
				v.Add("parent_id", msgUnitParentRequired)
			}
		}
	}
	if err := v.Err(); err != nil {
		h.error(w, r, err)
		return
	}
	u, err := h.db.UpdateUnit(r.Context(), id, upd)
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newUnitJSON(u))
}

func (h *Handler) deleteUnit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.error(w, r, err)
		return
	}
	if err := h.db.DeleteUnit(r.Context(), id); err != nil {
		h.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// nullableID reads a JSON id or null; ok is false for anything else.
func nullableID(raw json.RawMessage) (id *int64, ok bool) {
	if err := json.Unmarshal(raw, &id); err != nil || (id != nil && *id <= 0) {
		return nil, false
	}
	return id, true
}
