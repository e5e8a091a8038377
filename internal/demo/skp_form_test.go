package demo_test

import (
	"context"
	"testing"

	"kinerja/internal/demo"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// In the demo the Camat, who heads the kecamatan, and the lurah, who head their kelurahan,
// write the JPT form; the Sekretaris Kecamatan, an administrator heading the sekretariat, which
// is no independent work unit, writes the JA/JF form like the heads of seksi.
func TestDemoSKPForms(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		ctx := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
		if _, err := demo.Load(ctx, db); err != nil {
			t.Fatalf("Load: %v", err)
		}
		skps, _, err := db.FindSKPs(ctx, kinerja.SKPFilter{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]kinerja.SKPForm{"Camat Asemrowo": kinerja.FormJPT, "Sekretaris Kecamatan": kinerja.FormJAJF,
			"Lurah Asemrowo": kinerja.FormJPT, "Kepala Seksi Kesejahteraan Rakyat": kinerja.FormJAJF}
		seen := map[string]bool{}
		for _, s := range skps {
			if f, ok := want[s.Employee.Position]; ok {
				seen[s.Employee.Position] = true
				if s.Form != f {
					t.Errorf("SKP %d of %s: form %s; want %s", s.ID, s.Employee.Position, s.Form, f)
				}
			}
		}
		for p := range want {
			if !seen[p] {
				t.Errorf("the demo has no SKP of %s", p)
			}
		}
	})
}
