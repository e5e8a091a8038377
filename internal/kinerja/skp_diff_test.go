package kinerja_test

import (
	"reflect"
	"testing"

	"kinerja/internal/kinerja"
)

func TestDiffSKP(t *testing.T) {
	t.Parallel()
	ind := func(a kinerja.Aspect, text, target, unit string) *kinerja.Indicator {
		return &kinerja.Indicator{Aspect: a, Text: text, Target: target, Unit: unit}
	}
	rhk := func(lineage int64, text string, inds ...*kinerja.Indicator) *kinerja.Result {
		return &kinerja.Result{ID: lineage * 10, LineageID: lineage, Kind: kinerja.ResultMain, Text: text, Indicators: inds}
	}
	qty := ind(kinerja.AspectQuantity, "Jumlah dokumen", "1200", "dokumen")
	qual := ind(kinerja.AspectQuality, "Layanan tanpa pengaduan", "95", "%")
	skp := func(rs ...*kinerja.Result) *kinerja.SKP { return &kinerja.SKP{Results: rs} }

	type change struct {
		kind   kinerja.ChangeKind
		text   string
		fields []kinerja.FieldChange
	}
	for _, tc := range []struct {
		name          string
		before, after *kinerja.SKP
		want          []change
	}{
		{"nothing changed", skp(rhk(1, "Pelayanan", qty)), skp(rhk(1, "Pelayanan", qty)), nil},
		{"RHK added", skp(rhk(1, "Pelayanan", qty)), skp(rhk(1, "Pelayanan", qty), rhk(2, "Pengaduan", qual)),
			[]change{{kinerja.ChangeAdded, "Pengaduan", nil}}},
		{"RHK removed", skp(rhk(1, "Pelayanan", qty), rhk(2, "Pengaduan", qual)), skp(rhk(2, "Pengaduan", qual)),
			[]change{{kinerja.ChangeRemoved, "Pelayanan", nil}}},
		{"text reworded", skp(rhk(1, "Pelayanan", qty)), skp(rhk(1, "Pelayanan prima", qty)),
			[]change{{kinerja.ChangeChanged, "Pelayanan prima", []kinerja.FieldChange{{Field: "text", Before: "Pelayanan", After: "Pelayanan prima"}}}}},
		{"target raised", skp(rhk(1, "Pelayanan", qty)), skp(rhk(1, "Pelayanan", ind(kinerja.AspectQuantity, "Jumlah dokumen", "1500", "dokumen"))),
			[]change{{kinerja.ChangeChanged, "Pelayanan", []kinerja.FieldChange{{Field: "indicator_target", Indicator: "kuantitas", Before: "1200", After: "1500"}}}}},
		{"indicator added and unit changed", skp(rhk(1, "Pelayanan", qty)),
			skp(rhk(1, "Pelayanan", ind(kinerja.AspectQuantity, "Jumlah dokumen", "1200", "berkas"), qual)),
			[]change{{kinerja.ChangeChanged, "Pelayanan", []kinerja.FieldChange{
				{Field: "indicator_unit", Indicator: "kuantitas", Before: "dokumen", After: "berkas"},
				{Field: "indicator", Indicator: "kualitas", After: "Layanan tanpa pengaduan: 95 %"}}}}},
		{"indicator removed", skp(rhk(1, "Pelayanan", qty, qual)), skp(rhk(1, "Pelayanan", qty)),
			[]change{{kinerja.ChangeChanged, "Pelayanan", []kinerja.FieldChange{{Field: "indicator", Indicator: "kualitas", Before: "Layanan tanpa pengaduan: 95 %"}}}}},
		{"kualitatif indicators by place", skp(rhk(1, "Kajian", ind("", "Kajian selesai", "Disetujui camat", ""))),
			skp(rhk(1, "Kajian", ind("", "Kajian selesai", "Dibahas di rapat", ""))),
			[]change{{kinerja.ChangeChanged, "Kajian", []kinerja.FieldChange{{Field: "indicator_target", Indicator: "1", Before: "Disetujui camat", After: "Dibahas di rapat"}}}}},
		{"no previous version", nil, skp(rhk(1, "Pelayanan", qty)), nil},
	} {
		var got []change
		for _, c := range kinerja.DiffSKP(tc.before, tc.after) {
			got = append(got, change{c.Kind, c.Result().Text, c.Fields})
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: DiffSKP = %+v; want %+v", tc.name, got, tc.want)
		}
	}
}
