package web

// RoutePatterns returns the patterns of the route table, in order, for the role × route matrix.
func (h *Handler) RoutePatterns() []string { return h.routes().patterns }
