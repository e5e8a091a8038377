package api

// RoutePatterns returns "METHOD PATH" of every route of the table, in order, and whether it is
// public, for the role × route matrix.
func RoutePatterns() (patterns []string, public map[string]bool) {
	public = map[string]bool{}
	for _, rt := range (&Handler{}).routeTable() {
		patterns = append(patterns, rt.method+" "+rt.path)
		public[rt.method+" "+rt.path] = rt.public
	}
	return patterns, public
}
