package web

import (
	"context"

	"kinerja/internal/kinerja"
)

// skpChanges returns what changed in s since its previous version, read with its results,
// and that version's number; nothing for a first version. versions are the SKP's versions,
// newest first.
func (h *Handler) skpChanges(ctx context.Context, s *kinerja.SKP, versions []*kinerja.SKP) ([]kinerja.ResultChange, int, error) {
	for _, o := range versions {
		if o.Version == s.Version-1 {
			prev, err := h.db.FindSKPByID(ctx, o.ID)
			if err != nil {
				return nil, 0, err
			}
			return kinerja.DiffSKP(prev, s), prev.Version, nil
		}
	}
	return nil, 0, nil
}
