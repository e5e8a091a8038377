package web_test

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
	"kinerja/internal/sqldb/sqldbtest"
)

// TestUploads_LeaveNoFiles replays the attack of a staff member filling the disk: uploads of
// 20 MB, refused, used to leave a multipart-* file each in the temporary directory. Now no
// upload, refused, invalid, accepted or cut off, leaves a file there or in the file store's
// staging area.
func TestUploads_LeaveNoFiles(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachDB(t, func(t *testing.T, db *sqldb.DB) {
		srv := newTestServer(t, db)
		f := srv.newActivityFixture(t, "Kecamatan Asemrowo")
		staf := f.login(t, f.StafA)
		big := append(pngPhoto(t), bytes.Repeat([]byte{0}, 20<<20)...) // over the default limit of 10 MB

		// Three refused 20 MB uploads: a new activity with its photo, an edit with one, and
		// an employee file.
		staf.postFile("/activities", f.activityForm("Memverifikasi berkas KTP-el warga RW 03", "3"), "besar.png", big).
			wantFieldError(t, "file", kinerja.MsgEvidenceTooLarge)
		a := f.mustLog(t, "Memproses pengantar pindah datang", 2)
		edit := f.activityForm("Memproses pengantar pindah datang (berkas lengkap)", "2")
		staf.postFile("/activities/"+itoa(a.ID), edit, "besar.png", big).wantFieldError(t, "file", kinerja.MsgEvidenceTooLarge)
		admin := f.loginAdmin(t)
		res := admin.postFile("/employees/import", nil, "pegawai.csv", bytes.Repeat([]byte("nip,nama\n"), 20<<20/9))
		res.wantStatus(t, http.StatusRequestEntityTooLarge)
		res.wantBody(t, "Berkas lebih dari 10 MB.")
		if list := f.stafActivities(t); len(list) != 1 || len(list[0].Evidence) != 0 {
			t.Errorf("after refused uploads Staf A has %v; want the one activity logged, without evidence", list)
		}
		wantNoUploadFiles(t, srv)

		// A form refused for another field, with a file that would do.
		invalid := f.activityForm(" ", "3")
		staf.postFile("/activities", invalid, "foto.png", pngPhoto(t)).wantFieldError(t, "description", kinerja.MsgActivityText)
		wantNoUploadFiles(t, srv)

		// An accepted photo is stored, by its hash, and its staged copy is gone.
		staf.postFile("/activities/"+itoa(a.ID), edit, "foto.png", pngPhoto(t)).wantRedirect(t, "/activities/"+itoa(a.ID)+"?ok=activity_updated")
		wantNoUploadFiles(t, srv)

		// A client that goes away in the middle of its file.
		cutOff(t, srv, staf, "/activities/"+itoa(a.ID), 4<<20)
		deadline := time.Now().Add(10 * time.Second)
		for len(uploadFiles(t, srv)) > 0 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		wantNoUploadFiles(t, srv)
		if got, _ := db.FindActivityByID(f.StafACtx, a.ID); got == nil || len(got.Evidence) != 1 {
			t.Errorf("after an upload cut off the activity has %v; want the one photo accepted before", got)
		}
	})
}

// uploadFiles lists the files uploads may leave behind: multipart-* files in the temporary
// directory (which TestMain made this package's own) and anything in the file store's
// staging area.
func uploadFiles(t *testing.T, srv *testServer) []string {
	t.Helper()
	var found []string
	tmp, err := filepath.Glob(filepath.Join(os.TempDir(), "multipart-*"))
	if err != nil {
		t.Fatal(err)
	}
	found = append(found, tmp...)
	staged, err := os.ReadDir(filepath.Join(srv.blobs.Dir, "tmp"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range staged {
		found = append(found, filepath.Join(srv.blobs.Dir, "tmp", e.Name()))
	}
	return found
}

func wantNoUploadFiles(t *testing.T, srv *testServer) {
	t.Helper()
	for _, path := range uploadFiles(t, srv) {
		fi, _ := os.Stat(path)
		size := int64(-1)
		if fi != nil {
			size = fi.Size()
		}
		t.Errorf("an upload left %s (%d bytes)", path, size)
	}
}

// cutOff starts posting a file of the size given to path as c, sends half of it and hangs up.
func cutOff(t *testing.T, srv *testServer, c *client, path string, size int) {
	t.Helper()
	body, contentType := sqldbtest.MultipartForm(t, sqldbtest.FormPart{Name: "description", Value: "Terputus"},
		sqldbtest.FormPart{Name: "file", Filename: "terputus.png", Value: string(append(pngPhoto(t), make([]byte, size)...))})
	req, err := http.NewRequest(http.MethodPost, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ck := range c.http.Jar.Cookies(req.URL) {
		req.AddCookie(ck)
	}
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	head := "POST " + path + " HTTP/1.1\r\nHost: " + req.Host + "\r\nContent-Type: " + contentType +
		"\r\nContent-Length: " + strconv.Itoa(body.Len()) + "\r\nCookie: " + req.Header.Get("Cookie") + "\r\n\r\n"
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Write(body.Bytes()[:body.Len()/2]); err != nil {
		t.Fatal(err)
	}
	// The server stages the file as it arrives; the line goes dead once it has begun to.
	deadline := time.Now().Add(10 * time.Second)
	for len(uploadFiles(t, srv)) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if len(uploadFiles(t, srv)) == 0 {
		t.Error("the server did not stage the upload before it was cut off")
	}
}

// TestUploads_Streamed keeps every upload streamed: net/http's form parsing keeps files over
// 1 MB in temporary files that nothing removes once the request has been copied (as every
// middleware that adds to its context does), so neither surface may call it.
func TestUploads_Streamed(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{".", "../api"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, call := range []string{".ParseMultipartForm(", ".FormFile(", ".FormValue(", ".PostFormValue(", ".MultipartForm"} {
				if bytes.Contains(src, []byte(call)) {
					t.Errorf("%s calls %s; read uploads with MultipartReader", name, strings.Trim(call, ".("))
				}
			}
		}
	}
}
