package api

import "net/http"

// listTodo lists what the caller owes, soonest due first, the late ones marked: the same
// list as the home page. It is not paged.
func (h *Handler) listTodo(w http.ResponseWriter, r *http.Request) {
	items, err := h.db.FindTodo(r.Context())
	if err != nil {
		h.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(items, 0))
}
