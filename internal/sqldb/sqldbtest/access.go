package sqldbtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// AccessRole is a column of the role × route matrix: who sends the request.
type AccessRole string

// The roles of the role × route matrix, in the order of its columns. A request of each is sent
// in this order, so that when a write of one role succeeds the next roles see its result.
const (
	AccessAnonymous AccessRole = "anonymous" // no session, no token
	AccessOtherOrg  AccessRole = "other_org" // the admin of another organisation
	AccessStaff     AccessRole = "staff"     // pegawai: owns the objects of the matrix
	AccessAtasan    AccessRole = "atasan"    // the staff member's supervisor and pejabat penilai, heads no unit
	AccessHead      AccessRole = "head"      // head of the staff member's unit, above the supervisor
	AccessPimpinan  AccessRole = "pimpinan"  // the Camat, head of the organisation
	AccessOrgAdmin  AccessRole = "org_admin" // the organisation's HR admin, no employee record
	AccessInstall   AccessRole = "install"   // the installation admin: "admin", of no organisation
)

// AccessRoles lists the columns of the matrix in order.
var AccessRoles = []AccessRole{AccessAnonymous, AccessOtherOrg, AccessStaff, AccessAtasan, AccessHead, AccessPimpinan, AccessOrgAdmin, AccessInstall}

// AccessOrg is the organisation of the role × route matrix tests, with one object of every
// kind a route names, owned by the staff member where it can be:
//
//	Kecamatan Matriks (camat, head: pimpinan)
//	├── Seksi Pemerintahan (kasi, head) — ketua (atasan) → staf, rekan
//	└── Seksi Ketenteraman (kasi.lain, head) — staf.lain, cadangan
//
// Logins: camat, kasi, ketua and staf (prefixed) and the HR admin. The SKPs of camat, kasi,
// ketua and staf are approved in a chain; the staff member has an RHK, a pending activity,
// a draft assessment by ketua, feedback and a dialog with an action of their own, and is a
// peer of rekan. Each role also has objects of its own to approve, reject, delete or
// deactivate (see Objects). Another organisation has an admin.
type AccessOrg struct {
	*Fixture
	Other *Fixture // another organisation

	Usernames map[AccessRole]string // the login of each role but anonymous and install

	Period       *kinerja.Period
	EvalKey      string // the period's first evaluation period
	SKP          *kinerja.SKP
	Result       *kinerja.Result   // the staff member's RHK
	Indicator    int64             // of Result
	Activity     *kinerja.Activity // pending
	Assessment   *kinerja.Assessment
	Feedback     *kinerja.Feedback
	DialogAction int64 // an action of the staff member's dialog, owned by them
	PeerTask     int64 // the staff member's task to answer about rekan
	Holiday      kinerja.Date

	// perRole holds, for each role, objects of its own for the rows that approve, reject,
	// delete or deactivate, so that what one role did does not decide what the next gets:
	// by "NAME@ROLE", see Objects.
	perRole map[string]string
}

// accessOrg is the spec of AccessOrg.
func accessOrg(prefix string) OrgSpec {
	p := func(key, name, position string, kind kinerja.PositionKind, unit, sup string, head, login bool) PersonSpec {
		s := PersonSpec{Key: key, Name: name, Position: position, Kind: kind, Unit: unit, Supervisor: sup, Head: head, NoLogin: !login}
		if login {
			s.Login = prefix + key
		}
		return s
	}
	return OrgSpec{Name: "Kecamatan Matriks", Admin: prefix + "admin",
		Units: []UnitSpec{{Key: "seksi", Name: "Seksi Pemerintahan"}, {Key: "lain", Name: "Seksi Ketenteraman"}},
		People: []PersonSpec{
			p("camat", "Drs. Bambang Sutrisno, M.Si.", "Camat", kinerja.PositionAdministrator, "", "", true, true),
			p("kasi", "Siti Rahmawati, S.Sos.", "Kepala Seksi Pemerintahan", kinerja.PositionPengawas, "seksi", "camat", true, true),
			p("ketua", "Hendra Wijaya, S.E.", "Analis Pemerintahan", kinerja.PositionFungsional, "seksi", "kasi", false, true),
			p("staf", "Agus Salim", "Pengadministrasi Pemerintahan", kinerja.PositionPelaksana, "seksi", "ketua", false, true),
			p("rekan", "Dewi Lestari", "Pengolah Data", kinerja.PositionPelaksana, "seksi", "ketua", false, false),
			p("kasi.lain", "Rudi Hartono, S.H.", "Kepala Seksi Ketenteraman", kinerja.PositionPengawas, "lain", "camat", true, false),
			p("staf.lain", "Nur Aini", "Pengadministrasi Ketenteraman", kinerja.PositionPelaksana, "lain", "kasi.lain", false, false),
			p("cadangan", "Joko Susilo", "Pengadministrasi Umum", kinerja.PositionPelaksana, "lain", "kasi.lain", false, false),
		}}
}

// BuildAccessOrg builds AccessOrg in db; prefix names its logins.
func BuildAccessOrg(tb testing.TB, db *sqldb.DB, prefix string) *AccessOrg {
	tb.Helper()
	f := Build(tb, db, accessOrg(prefix))
	o := &AccessOrg{Fixture: f, Usernames: map[AccessRole]string{}}
	o.Other = Build(tb, db, OrgSpec{Name: "Kecamatan Sebelah", Admin: prefix + "lain.admin", Seq: 500})
	for role, key := range map[AccessRole]string{AccessStaff: "staf", AccessAtasan: "ketua", AccessHead: "kasi", AccessPimpinan: "camat"} {
		o.Usernames[role] = f.User(key).Username
	}
	o.Usernames[AccessOrgAdmin] = f.AdminUser.Username
	o.Usernames[AccessOtherOrg] = o.Other.AdminUser.Username

	must := func(what string, err error) {
		tb.Helper()
		if err != nil {
			tb.Fatalf("access org: %s: %v", what, err)
		}
	}
	today := kinerja.Today(db.Now())
	var err error
	o.Period, err = db.CreatePeriod(f.Admin, kinerja.NewPeriod{Year: today.Year()})
	must("period", err)
	o.EvalKey = kinerja.EvalPeriods(o.Period.Year, o.Period.Cadence)[0].Key
	sys := kinerja.NewContextWithUser(context.Background(), kinerja.SystemUser())
	approved := func(key string, appraiser context.Context, parent *int64) (*kinerja.SKP, *kinerja.Result) {
		tb.Helper()
		s, err := db.CreateSKP(f.As(key), f.Employee(key).ID, o.Period.ID, kinerja.ApproachQuantitative)
		must("SKP of "+key, err)
		r, err := db.AddResult(f.As(key), s.ID, kinerja.ResultInput{Kind: kinerja.ResultMain, Text: "RHK " + f.Employee(key).Name, ParentResultID: parent,
			Indicators: []kinerja.IndicatorInput{
				{Aspect: kinerja.AspectQuantity, Text: "Jumlah berkas yang diselesaikan", Target: "120", Unit: "berkas"},
				{Aspect: kinerja.AspectQuality, Text: "Berkas diterima tanpa revisi", Target: "95", Unit: "%"},
				{Aspect: kinerja.AspectTime, Text: "Tepat waktu", Target: "12", Unit: "bulan"},
			}})
		must("RHK of "+key, err)
		_, err = db.SubmitSKP(f.As(key), s.ID)
		must("submit SKP of "+key, err)
		s, err = db.ApproveSKP(appraiser, s.ID)
		must("approve SKP of "+key, err)
		return s, r
	}
	_, top := approved("camat", sys, nil)
	_, kasi := approved("kasi", f.As("camat"), &top.ID)
	_, ketua := approved("ketua", f.As("kasi"), &kasi.ID)
	o.SKP, o.Result = approved("staf", f.As("ketua"), &ketua.ID)
	o.Indicator = o.Result.Indicators[0].ID

	staf := f.As("staf")
	activity := func(what string) *kinerja.Activity {
		tb.Helper()
		a, err := db.CreateActivity(staf, kinerja.ActivityInput{Date: today, ResultID: o.Result.ID, Description: "Memverifikasi berkas: " + what,
			Output: 3, Unit: "berkas", Minutes: 60})
		must("activity "+what, err)
		return a
	}
	o.Activity = activity("dibaca")
	o.Assessment, err = db.CreateAssessment(f.As("ketua"), o.SKP.ID, o.EvalKey)
	must("assessment", err)
	o.Feedback, err = db.CreateFeedback(f.As("ketua"), kinerja.NewFeedback{AboutEmployeeID: f.Employee("staf").ID, Text: "Laporan bulan ini rapi dan tepat waktu."})
	must("feedback", err)
	d, err := db.CreateDialog(f.As("ketua"), kinerja.NewDialog{EmployeeID: f.Employee("staf").ID, Date: today, Topics: "Capaian triwulan dan rencana pelatihan.",
		Actions: []kinerja.NewDialogAction{{Text: "Mengikuti pelatihan arsip digital", OwnerID: f.Employee("staf").ID, DueDate: today.AddDate(0, 1, 0)}}})
	must("dialog", err)
	o.DialogAction = d.Actions[0].ID
	peers, err := db.AssignPeers(f.As("ketua"), o.Period.ID, f.Employee("rekan").ID,
		[]int64{f.Employee("staf").ID, f.Employee("staf.lain").ID, f.Employee("cadangan").ID})
	must("peers", err)
	for _, a := range peers {
		if a.PeerID == f.Employee("staf").ID {
			o.PeerTask = a.ID
		}
	}
	o.Holiday = kinerja.NewDate(o.Period.Year, 8, 17)
	must("holiday", db.SetHoliday(f.Admin, f.OrgID(), kinerja.Holiday{Date: o.Holiday, Name: "Hari Kemerdekaan"}))

	o.perRole = map[string]string{}
	for i, role := range AccessRoles {
		n := strconv.Itoa(i + 1)
		at := "@" + string(role)
		o.perRole["unit.spare"+at] = idString(f.AddUnit(tb, UnitSpec{Key: "kosong." + n, Name: "Seksi Kosong " + n}).ID)
		o.perRole["employee.spare"+at] = idString(f.AddPerson(tb, PersonSpec{Key: "cadangan." + n, Name: "Pegawai Cadangan " + n, Unit: "lain",
			Supervisor: "kasi.lain", NoLogin: true}).ID)
		o.perRole["user.spare"+at] = idString(f.AddUser(tb, prefix+"cadangan."+n, kinerja.RolePegawai).ID)
		for _, what := range []string{"approve", "bulk", "reject", "delete"} {
			o.perRole["activity."+what+at] = idString(activity(what + " " + n).ID)
		}
		// A new employee as the API takes it, with an NIP of its own.
		in := f.Input(PersonSpec{Name: "Pegawai Baru " + n, Unit: "lain", Supervisor: "kasi.lain"})
		e, err := json.Marshal(map[string]any{"nip": in.NIP, "name": in.Name, "gender": in.Gender, "birth_date": in.BirthDate.String(),
			"status": in.Status, "grade": in.Grade, "position": in.Position, "position_kind": in.PositionKind, "unit_id": in.UnitID,
			"supervisor_id": in.SupervisorID, "phone": in.Phone, "email": in.Email})
		must("new employee", err)
		o.perRole["employee.new"+at] = string(e)
		h := kinerja.NewDate(o.Period.Year, 12, 1+i)
		must("holiday", db.SetHoliday(f.Admin, f.OrgID(), kinerja.Holiday{Date: h, Name: "Cuti bersama " + n}))
		o.perRole["holiday.delete"+at] = h.String()
	}
	// The staff have been in their teams long enough to give upward feedback.
	SettleReportingLines(tb, db)
	return o
}

func idString(n int64) string { return strconv.FormatInt(n, 10) }

// Objects returns the fixture's objects by the names the matrix tests substitute into paths
// and bodies: "employee.KEY" is the employee of each person of the spec, and a name ending in
// "@ROLE" is an object of that role's own (a spare unit, employee, login, activity or holiday,
// and employee.new, the JSON of an employee not yet created).
func (o *AccessOrg) Objects() map[string]string {
	m := map[string]string{
		"user": idString(o.User("staf").ID), "unit": idString(o.Unit("seksi").ID), "org": idString(o.OrgID()), "employee": idString(o.Employee("staf").ID),
		"period": idString(o.Period.ID), "eval": o.EvalKey, "year": idString(int64(o.Period.Year)), "today": kinerja.Today(o.DB.Now()).String(),
		"skp": idString(o.SKP.ID), "result": idString(o.Result.ID), "indicator": idString(o.Indicator), "activity": idString(o.Activity.ID),
		"assessment": idString(o.Assessment.ID), "feedback": idString(o.Feedback.ID),
		"dialog_action": idString(o.DialogAction), "peer_task": idString(o.PeerTask), "holiday": o.Holiday.String(),
	}
	for k, v := range o.perRole {
		m[k] = v
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for key, e := range o.people {
		m["employee."+key] = idString(e.ID)
	}
	return m
}

// AccessRow is a row of a role × route matrix: a route of a surface's route table and the
// status each role gets from it.
type AccessRow struct {
	Route string // as the route table names it: "GET /skp/{id}"
	// Path is the request's path and query when not the route's own pattern filled with the
	// fixture's objects; a {name} in it is an object of AccessOrg.Objects.
	Path string
	Body string // the request body of a write: a form (web) or JSON (API); empty by default
	// Want is the status each role of AccessRoles gets, in that order, separated by spaces.
	Want string
}

// objectOf names the object of AccessOrg.Objects that a route's path parameter stands for,
// by the segment before it: "/skp/{id}" is the SKP, "/results/{rid}" the RHK.
var objectOf = map[string]string{
	"users": "user", "units": "unit", "employees": "employee", "periods": "period", "skp": "skp", "results": "result",
	"realisation": "indicator", "assessments": "assessment", "activities": "activity", "evidence": "evidence",
	"peer-tasks": "peer_task", "dialog-actions": "dialog_action", "actions": "dialog_action", "holidays": "holiday",
	"static": "static.hash",
}

// AccessRequest is the request of a row of the matrix, sent as one role.
type AccessRequest struct {
	Route, Method, Path, Body string
}

// accessRequest returns the request of row as role: its Path, or its route's pattern with
// every {parameter} replaced by the object it stands for, and its Body, with the objects
// (the role's own NAME@ROLE before NAME, and {role}) filled in.
func accessRequest(row AccessRow, role AccessRole, objects map[string]string) (AccessRequest, error) {
	method, pattern, ok := strings.Cut(row.Route, " ")
	if !ok {
		method, pattern = http.MethodGet, row.Route
	}
	path := row.Path
	if path == "" {
		segs := strings.Split(strings.TrimSuffix(pattern, "{$}"), "/")
		for i, s := range segs {
			if strings.HasPrefix(s, "{") && i > 0 {
				name, ok := objectOf[segs[i-1]]
				if !ok {
					name = strings.Trim(s, "{}")
				}
				segs[i] = "{" + name + "}"
			}
		}
		path = strings.Join(segs, "/")
	}
	var missing []string
	fill := func(s string) string {
		return placeholder.ReplaceAllStringFunc(s, func(s string) string {
			name := strings.Trim(s, "{}")
			if name == "role" {
				return string(role)
			}
			v, ok := objects[name+"@"+string(role)]
			if !ok {
				v, ok = objects[name]
			}
			if !ok {
				missing = append(missing, s)
			}
			return v
		})
	}
	req := AccessRequest{Route: row.Route, Method: method, Path: fill(path), Body: fill(row.Body)}
	if len(missing) > 0 {
		return req, fmt.Errorf("no object for %s", strings.Join(missing, ", "))
	}
	return req, nil
}

var placeholder = regexp.MustCompile(`\{[a-z_.]+\}`)

// CheckAccessMatrix holds the route table routes against rows: a route without a row and a
// row without a route fail. Then it sends every row's request as every role through send,
// which returns the status; GET rows first, then the writes, each in the order written, so
// that a write that succeeds changes nothing a read expects. It fails with every cell whose
// status differs and prints those rows as they stand today.
func CheckAccessMatrix(t *testing.T, routes []string, rows []AccessRow, objects map[string]string,
	send func(role AccessRole, req AccessRequest) int) {
	t.Helper()
	inTable := map[string]bool{}
	for _, r := range routes {
		inTable[r] = true
	}
	inMatrix := map[string]bool{}
	for _, row := range rows {
		if inMatrix[row.Route] {
			t.Errorf("the matrix has two rows for %s", row.Route)
		}
		inMatrix[row.Route] = true
		if !inTable[row.Route] {
			t.Errorf("the matrix has a row for %s, which the route table does not have", row.Route)
		}
	}
	var missing []AccessRow
	for _, r := range routes {
		if !inMatrix[r] {
			t.Errorf("route %s has no row in the role × route matrix: add one with the status of each role", r)
			missing = append(missing, AccessRow{Route: r})
		}
	}
	var reads, writes []AccessRow
	for _, row := range rows {
		if strings.HasPrefix(row.Route, "GET ") || !strings.Contains(row.Route, " ") {
			reads = append(reads, row)
		} else {
			writes = append(writes, row)
		}
	}
	var diffs, today, suggested []string
	for _, row := range append(append(reads, writes...), missing...) {
		want := strings.Fields(row.Want)
		if !slices.Contains(missing, row) && len(want) != len(AccessRoles) {
			t.Errorf("%s: want %q has %d statuses; the matrix has %d roles (%v)", row.Route, row.Want, len(want), len(AccessRoles), AccessRoles)
			continue
		}
		got := make([]string, len(AccessRoles))
		differs := false
		for i, role := range AccessRoles {
			req, err := accessRequest(row, role, objects)
			if err != nil {
				t.Errorf("%s: %v", row.Route, err)
				break
			}
			got[i] = strconv.Itoa(send(role, req))
			if len(want) == len(got) && got[i] != want[i] {
				differs = true
				diffs = append(diffs, fmt.Sprintf("%-50s %-10s want %s, got %s   (%s %s)", row.Route, role, want[i], got[i], req.Method, req.Path))
			}
		}
		row.Want = strings.Join(got, " ")
		switch {
		case slices.Contains(missing, AccessRow{Route: row.Route}):
			suggested = append(suggested, "\t"+row.GoString()+",")
		case differs:
			today = append(today, "\t"+row.GoString()+",")
		}
	}
	if len(diffs) > 0 {
		t.Errorf("%d cells of the role × route matrix differ (route, role, want, got):\n%s\n\nthose rows as they stand today; check each before taking it:\n%s",
			len(diffs), strings.Join(diffs, "\n"), strings.Join(today, "\n"))
	}
	if len(suggested) > 0 {
		t.Errorf("the routes without a row answer today (with the route's own path and an empty body); check each before taking it:\n%s",
			strings.Join(suggested, "\n"))
	}
}

// GoString returns row as it is written in a matrix.
func (row AccessRow) GoString() string {
	lit := func(s string) string {
		if strings.Contains(s, `"`) && !strings.Contains(s, "`") {
			return "`" + s + "`"
		}
		return strconv.Quote(s)
	}
	out := "{Route: " + lit(row.Route)
	if row.Path != "" {
		out += ", Path: " + lit(row.Path)
	}
	if row.Body != "" {
		out += ", Body: " + lit(row.Body)
	}
	return out + ", Want: " + lit(row.Want) + "}"
}
