package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// TestAdminImportsTemplate: the HR admin of the demo organisation downloads the import
// template, fills in employees, checks the file, imports it and finds them in the list.
func TestAdminImportsTemplate(t *testing.T) {
	srv := startServer(t, "demo")
	file := filledTemplate(t, srv.URL)
	ctx := newBrowser(t)
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
		must("read "+sel, err)
		return strings.TrimSpace(s)
	}

	must("log in", chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/login"),
		chromedp.SetValue(css(`input[name="username"]`), "admin.asemrowo"),
		chromedp.SetValue(css(`input[name="password"]`), "asemrowo-2026"),
		chromedp.Click(css(`#login-button`)),
		chromedp.WaitVisible(css(`#dashboard-title`)),
	))
	must("open the import page from the list", chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/employees"),
		chromedp.Click(css(`#import-employees`)),
		chromedp.WaitVisible(css(`#import-form`)),
	))
	// The check box "check only" is ticked by default: the first upload is a dry run.
	must("check the file", chromedp.Do(ctx,
		chromedp.SetUploadFiles(css(`#file`), []string{file}),
		chromedp.Click(css(`#import-button`)),
		chromedp.WaitVisible(css(`#import-result`)),
	))
	if got := text(`#import-created`); got != "3" {
		t.Fatalf("dry run: %s to create; want 3", got)
	}
	must("import the file", chromedp.Do(ctx,
		chromedp.SetUploadFiles(css(`#file`), []string{file}),
		chromedp.Click(css(`#dry_run`)),
		chromedp.Click(css(`#import-button`)),
		chromedp.WaitVisible(css(`#import-see-employees`)),
	))
	if got := text(`#import-created`); got != "3" {
		t.Fatalf("import: %s created; want 3", got)
	}
	must("see the list", chromedp.Do(ctx,
		chromedp.Click(css(`#import-see-employees`)),
		chromedp.WaitVisible(css(`#employees-table`)),
	))
	table := text(`#employees-table`)
	for _, name := range []string{"Drs. Bambang Sutrisno, M.Si.", "Laras Ayuningtyas", "Galih Permana"} {
		if !strings.Contains(table, name) {
			t.Errorf("the employee list lacks %s after the import", name)
		}
	}
}

// filledTemplate downloads the template as the demo admin through the API, adds two
// employees below its example row and saves it as an XLSX file.
func filledTemplate(t *testing.T, base string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": "admin.asemrowo", "password": "asemrowo-2026"})
	resp, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var login struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&login)
	resp.Body.Close()
	req, _ := http.NewRequest("GET", base+"/api/v1/imports/employees/template.xlsx", nil)
	req.Header.Set("Authorization", "Bearer "+login.Token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("template: status %d", resp.StatusCode)
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"199503152020122001", "Laras Ayuningtyas", "P", "1995-03-15", "pns", "III/a", "Pengadministrasi Umum", "pelaksana",
			"Kelurahan Tambak Sarioso / Seksi Pemerintahan dan Pelayanan Publik", "", "laras@asemrowo.kinerja.test", "0813-1111-2222"},
		{"199708092021121002", "Galih Permana", "L", "1997-08-09", "pns", "II/c", "Pengolah Data", "pelaksana",
			"Kelurahan Tambak Sarioso / Seksi Pemerintahan dan Pelayanan Publik", "199503152020122001", "", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, 3+i)
		if err := x.SetSheetRow("Pegawai", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "pegawai-baru.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}
