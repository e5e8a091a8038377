package sqldb

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestDumpValues writes each kind of value as a dump does, reads it back as a restore does, and
// checks both the line and the value the driver gets.
func TestDumpValues(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 1, 2, 3, 4, 500000000, time.FixedZone("WIB", 7*3600))
	tests := []struct {
		typ     string
		scanned any // as a driver hands it over
		json    string
		arg     any // as the restore hands it to the driver
	}{
		{TypeInteger, int64(-9007199254740993), `-9007199254740993`, int64(-9007199254740993)},
		{TypeInteger, nil, `null`, nil},
		{TypeReal, 0.1, `0.1`, 0.1},
		{TypeReal, int64(3), `3`, 3.0},
		{TypeReal, math.Inf(-1), `"-Inf"`, math.Inf(-1)},
		{TypeText, `<b>"Ibu" & 'Bapak'</b>` + "\n\u2028", `"<b>\"Ibu\" & 'Bapak'</b>\n\u2028"`, `<b>"Ibu" & 'Bapak'</b>` + "\n\u2028"},
		{TypeText, "bukan utf-8 \xff", `{"base64":"YnVrYW4gdXRmLTggXFw/"}`, "bukan utf-8 \xff"},
		{TypeText, []byte("byte"), `"byte"`, "byte"},
		{TypeBoolean, int64(1), `true`, true},
		{TypeBoolean, false, `false`, false},
		{TypeDate, "2026-02-28", `"2026-02-28"`, "2026-02-28"},
		{TypeDate, time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC), `"2026-02-28"`, "2026-02-28"},
		{TypeTimestamp, at, `"2026-02-28T19:03:04.5Z"`, at.UTC()},
		{TypeTimestamp, "2026-02-28 19:03:04.5+00:00", `"2026-02-28T19:03:04.5Z"`, at.UTC()},
		{TypeTimestamp, "2026-02-28 19:03:04", `"2026-02-28T19:03:04Z"`, time.Date(2026, 2, 28, 19, 3, 4, 0, time.UTC)},
		{TypeBlob, []byte{0, 1, 254}, `"AAH+"`, []byte{0, 1, 254}},
	}
	for _, tt := range tests {
		v, err := neutralValue(tt.typ, tt.scanned)
		if err != nil {
			t.Errorf("neutralValue(%s, %#v) = %v", tt.typ, tt.scanned, err)
			continue
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		line := strings.TrimSuffix(buf.String(), "\n")
		if tt.typ == TypeText && strings.HasPrefix(line, "{") {
			// The exact base64 is not the point; that it decodes back is.
			tt.json = line
		}
		if line != tt.json {
			t.Errorf("neutralValue(%s, %#v) writes %s; want %s", tt.typ, tt.scanned, line, tt.json)
		}
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber()
		var back any
		if err := dec.Decode(&back); err != nil {
			t.Fatal(err)
		}
		arg, err := argValue(tt.typ, back)
		if err != nil || !reflect.DeepEqual(arg, tt.arg) {
			t.Errorf("argValue(%s, %s) = %#v, %v; want %#v", tt.typ, line, arg, err, tt.arg)
		}
	}

	for _, bad := range []struct {
		typ string
		v   any
	}{{TypeInteger, "12"}, {TypeBoolean, "ya"}, {TypeDate, "2026-02-30"}, {TypeTimestamp, "kemarin"}, {TypeReal, "1,5"}} {
		if _, err := argValue(bad.typ, bad.v); err == nil {
			t.Errorf("argValue(%s, %#v) = nil error; want refused", bad.typ, bad.v)
		}
	}
	if _, err := neutralValue(TypeInteger, "dua"); err == nil {
		t.Error(`neutralValue(integer, "dua") = nil error; want refused`)
	}
}

// TestInsertionOrder orders tables after those they refer to and breaks a cycle where the
// references take NULL; a cycle through NOT NULL columns cannot be restored.
func TestInsertionOrder(t *testing.T) {
	t.Parallel()
	col := func(name string, notNull bool) schemaColumn {
		return schemaColumn{name: name, typ: TypeInteger, notNull: notNull}
	}
	fk := func(column, ref string) schemaFK {
		return schemaFK{columns: []string{column}, refTable: ref, refColumns: []string{"id"}}
	}
	units := schemaTable{name: "units", pk: []string{"id"}, columns: []schemaColumn{col("id", true), col("parent_id", false), col("head_id", false)},
		fks: []schemaFK{fk("parent_id", "units"), fk("head_id", "employees")}}
	employees := schemaTable{name: "employees", pk: []string{"id"}, columns: []schemaColumn{col("id", true), col("unit_id", true), col("supervisor_id", false)},
		fks: []schemaFK{fk("unit_id", "units"), fk("supervisor_id", "employees")}}
	activities := schemaTable{name: "activities", pk: []string{"id"}, columns: []schemaColumn{col("id", true), col("employee_id", true)},
		fks: []schemaFK{fk("employee_id", "employees")}}
	audit := schemaTable{name: "audit_log", pk: []string{"id"}, columns: []schemaColumn{col("id", true)}}

	plans, err := insertionOrder([]schemaTable{activities, audit, employees, units})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range plans {
		got = append(got, p.t.name)
		switch p.t.name {
		case "units":
			if len(p.deferred) != 1 || p.deferred[0].columns[0] != "head_id" || len(p.self) != 1 {
				t.Errorf("units: deferred %v, self %v; want head_id deferred and parent_id to itself", p.deferred, p.self)
			}
		case "employees":
			if len(p.deferred) != 0 || len(p.self) != 1 {
				t.Errorf("employees: deferred %v, self %v; want nothing deferred and supervisor_id to itself", p.deferred, p.self)
			}
		}
	}
	if want := []string{"audit_log", "units", "employees", "activities"}; !slices.Equal(got, want) {
		t.Errorf("order = %v; want %v", got, want)
	}

	units.columns[2].notNull = true
	if _, err := insertionOrder([]schemaTable{employees, units}); err == nil || !strings.Contains(err.Error(), "do not take NULL") {
		t.Errorf("a cycle through NOT NULL columns: %v; want refused", err)
	}
}
