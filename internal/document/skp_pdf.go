package document

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"kinerja/internal/kinerja"
)

// SKPDocument is what the SKP PDF shows besides the SKP itself.
type SKPDocument struct {
	SKP                    *kinerja.SKP // with Results (Indicators, ParentText) and Behaviors filled
	Organisation           string       // e.g. "Kecamatan Asemrowo"
	Place                  string       // place of signing, e.g. "Surabaya"
	Date                   kinerja.Date // date of signing
	PeriodStart, PeriodEnd kinerja.Date // 1 January and 31 December of the SKP's year when zero
}

// Page geometry and type sizes of the SKP document, in millimetres and points.
const (
	pageMargin   = 15.0
	pageBottom   = 297.0 - 18.0 // lowest line of content; the footer sits below
	bodyWidth    = 210.0 - 2*pageMargin
	bodyPt       = 8.5
	lineH        = 3.8 // height of a line of body text
	cellPad      = 1.2 // space above and below the text of a table cell
	cellMargin   = 1.5 // space left and right of the text of a table cell
	bulletIndent = 3.0
	emptyText    = "—"
)

var monthNames = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// statusNames names the workflow statuses in Bahasa Indonesia.
var statusNames = map[kinerja.SKPStatus]string{
	kinerja.SKPDraft:     "draf",
	kinerja.SKPSubmitted: "diajukan",
	kinerja.SKPApproved:  "disetujui",
	kinerja.SKPReturned:  "dikembalikan",
}

// WriteSKPPDF writes the SKP of d as a PDF document in the official layout of PermenPANRB
// 6/2022: identity blocks of the employee and the pejabat penilai, the RHK with their
// indicators and targets, the BerAKHLAK behaviours with the supervisor's expectations, the
// lampiran and the signature block. It is A4 portrait, in Bahasa Indonesia.
func WriteSKPPDF(w io.Writer, d SKPDocument) error {
	s := d.SKP
	if s == nil {
		return errors.New("write skp pdf: no skp")
	}
	p := newSKPPDF(s)
	p.header(d)
	p.identity(s)
	p.results(s)
	p.behaviors(s)
	p.attachment(s)
	p.signatures(d)
	if err := p.pdf.Output(w); err != nil {
		return fmt.Errorf("write skp pdf: %w", err)
	}
	return nil
}

// skpPDF draws one SKP document.
type skpPDF struct {
	pdf *fpdf.Fpdf
	tr  func(string) string // UTF-8 → cp1252, the encoding of the core fonts
}

// typography replaces characters the core fonts lack with near equivalents, and layout
// characters that SplitLines does not know.
var typography = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", " ", "\u00a0", " ",
	"≤", "<=", "≥", ">=", "−", "-", "‐", "-", "‑", "-", "✓", "v")

func newSKPPDF(s *kinerja.SKP) *skpPDF {
	pdf := fpdf.New("P", "mm", "A4", "")
	cp := pdf.UnicodeTranslatorFromDescriptor("cp1252")
	p := &skpPDF{pdf: pdf, tr: func(t string) string { return cp(typography.Replace(t)) }}
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	// Tables break pages themselves, between rows; nothing else runs past pageBottom.
	pdf.SetAutoPageBreak(false, 297-pageBottom)
	pdf.SetCellMargin(cellMargin)
	pdf.SetTitle("Sasaran Kinerja Pegawai "+s.Employee.Name+" "+strconv.Itoa(s.Year), true)
	pdf.SetSubject("SKP "+s.Employee.NIP, true)
	pdf.SetCreator("Kinerja", true)
	pdf.AliasNbPages("{nb}")
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetFillColor(228, 228, 228)
	if s.Status != kinerja.SKPApproved {
		pdf.SetHeaderFunc(p.watermark)
	}
	pdf.SetFooterFunc(func() {
		pdf.SetY(-13)
		pdf.SetFont("Helvetica", "", 7)
		pdf.SetTextColor(90, 90, 90)
		left := fmt.Sprintf("SKP %d · %s · NIP %s", s.Year, s.Employee.Name, s.Employee.NIP)
		pdf.CellFormat(bodyWidth-40, 4, p.tr(left), "T", 0, "L", false, 0, "")
		pdf.CellFormat(40, 4, fmt.Sprintf("Halaman %d dari {nb}", pdf.PageNo()), "T", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.SetFont("Helvetica", "", bodyPt)
	pdf.AddPage()
	return p
}

// watermark marks every page of an SKP that is not approved, under the content.
func (p *skpPDF) watermark() {
	pdf := p.pdf
	pdf.SetFont("Helvetica", "B", 110)
	pdf.SetTextColor(236, 236, 236)
	w := pdf.GetStringWidth("DRAF")
	pdf.TransformBegin()
	pdf.TransformRotate(50, 105, 148.5)
	pdf.Text(105-w/2, 148.5+13, "DRAF")
	pdf.TransformEnd()
	pdf.SetTextColor(0, 0, 0)
}

func (p *skpPDF) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	p.pdf.SetFont("Helvetica", style, size)
}

// centered writes text centred across the body, wrapping, and moves below it.
func (p *skpPDF) centered(text string, bold bool, size, h float64) {
	p.font(bold, size)
	p.pdf.SetX(pageMargin)
	p.pdf.MultiCell(bodyWidth, h, p.tr(text), "", "C", false)
}

func (p *skpPDF) header(d SKPDocument) {
	s := d.SKP
	p.centered("SASARAN KINERJA PEGAWAI", true, 13, 6.5)
	approach := "KUANTITATIF"
	if s.Approach == kinerja.ApproachQualitative {
		approach = "KUALITATIF"
	}
	p.centered("PENDEKATAN HASIL KERJA "+approach, true, 9.5, 4.8)
	if s.Form == kinerja.FormJPT {
		p.centered("BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI", true, 9.5, 4.8)
	} else {
		p.centered("BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL", true, 9.5, 4.8)
	}
	if d.Organisation != "" {
		p.centered(strings.ToUpper(d.Organisation), true, 9.5, 4.8)
	}
	start, end := d.PeriodStart, d.PeriodEnd
	if start.IsZero() {
		start = kinerja.NewDate(s.Year, time.January, 1)
	}
	if end.IsZero() {
		end = kinerja.NewDate(s.Year, time.December, 31)
	}
	// An SKP a transfer closed, or one that started after it, covers part of the year.
	if !s.StartDate.IsZero() {
		start = s.StartDate
	}
	if !s.EndDate.IsZero() {
		end = s.EndDate
	}
	p.centered("PERIODE: "+longDate(start)+" s.d. "+longDate(end), false, 9, 4.8)
	if s.Status != kinerja.SKPApproved {
		p.pdf.SetTextColor(170, 0, 0)
		p.centered(fmt.Sprintf("DRAF — belum disetujui (status: %s, versi %d)", statusName(s.Status), max(s.Version, 1)), true, 9, 4.8)
		p.pdf.SetTextColor(0, 0, 0)
	} else if s.Version > 1 {
		p.centered(fmt.Sprintf("Versi %d", s.Version), false, 9, 4.8)
	}
	p.pdf.Ln(3)
}

// identity draws the two identity blocks side by side.
func (p *skpPDF) identity(s *kinerja.SKP) {
	t := &table{p: p}
	head := func(text string, w float64) cell { return cell{w: w, paras: bold(text), align: "C", fill: true} }
	t.add(p.row([]cell{head("NO", 8), head("PEGAWAI YANG DINILAI", 82), head("NO", 8), head("PEJABAT PENILAI KINERJA", 82)}, nil), nil)
	labels := []string{"NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA"}
	emp, appr := personFields(&s.Employee), personFields(s.Appraiser)
	for i, label := range labels {
		no := cell{w: 8, paras: plain(strconv.Itoa(i + 1)), align: "C"}
		t.add(p.row([]cell{
			no, {w: 31, paras: plain(label)}, {w: 51, paras: plain(emp[i])},
			no, {w: 31, paras: plain(label)}, {w: 51, paras: plain(appr[i])},
		}, nil), nil)
	}
}

// personFields returns name, NIP, grade, position and unit of someone on an SKP, "—" for
// what is missing.
func personFields(pe *kinerja.Person) []string {
	if pe == nil {
		return []string{emptyText, emptyText, emptyText, emptyText, emptyText}
	}
	return []string{orDash(pe.Name), orDash(pe.NIP), gradeText(pe.Grade), orDash(pe.Position), orDash(pe.Unit)}
}

// gradeText writes a grade with its pangkat, "Penata Tingkat I (III/d)"; PPPK grades have none.
func gradeText(code string) string {
	if code == "" {
		return emptyText
	}
	if name := kinerja.Pangkat(code); name != "" {
		return name + " (" + code + ")"
	}
	return code
}

// results draws the HASIL KERJA table: utama then tambahan RHK, each with its indicators
// as sub-rows, in the layout of the SKP's form.
func (p *skpPDF) results(s *kinerja.SKP) {
	if s.Form == kinerja.FormJPT {
		p.resultsJPT(s)
		return
	}
	quantitative := s.Approach != kinerja.ApproachQualitative
	// Widths: No, RHK pimpinan, RHK, then the indicator columns.
	spanW := []float64{8, 36, 40}
	subW := []float64{56, 40} // narrative targets need room
	subHead := []string{"INDIKATOR KINERJA INDIVIDU", "TARGET"}
	if quantitative {
		spanW = []float64{8, 37, 40}
		subW = []float64{18, 52, 25}
		subHead = []string{"ASPEK", "INDIKATOR KINERJA INDIVIDU", "TARGET"}
	}
	head := append([]string{"NO", "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "RENCANA HASIL KERJA"}, subHead...)
	p.resultsTable(s, head, append(slices.Clone(spanW), subW...), func(n int, r *kinerja.Result) *laid {
		span := []cell{
			{w: spanW[0], paras: plain(strconv.Itoa(n)), align: "C"},
			{w: spanW[1], paras: plain(orDash(r.ParentText))},
			{w: spanW[2], paras: plain(orDash(r.Text))},
		}
		return p.row(span, p.indicatorRows(r, quantitative, subW))
	})
}

// perspectiveNames name the perspectives of the JPT form as the lampiran writes them.
var perspectiveNames = map[kinerja.Perspective]string{
	kinerja.PerspectiveService:  "Penerima Layanan",
	kinerja.PerspectiveProcess:  "Proses Bisnis",
	kinerja.PerspectiveInternal: "Penguatan Internal",
	kinerja.PerspectiveBudget:   "Anggaran",
}

// resultsJPT draws the HASIL KERJA table of the JPT and pimpinan unit kerja mandiri form
// (PermenPANRB 6/2022, lampiran): the perspective of each RHK, the RHK with the strategic
// goal (Renstra) it derives from, and its individual performance indicators with their
// targets. It has no column of a leader's RHK: a JPT's RHK come from the organisation's goals.
func (p *skpPDF) resultsJPT(s *kinerja.SKP) {
	quantitative := s.Approach != kinerja.ApproachQualitative
	spanW := []float64{26, 8, 56}
	subW := []float64{62, 28}
	head := []string{"PERSPEKTIF", "NO", "RENCANA HASIL KERJA", "INDIKATOR KINERJA INDIVIDU", "TARGET"}
	p.resultsTable(s, head, append(slices.Clone(spanW), subW...), func(n int, r *kinerja.Result) *laid {
		rhk := plain(orDash(r.Text))
		if r.Kind != kinerja.ResultAdditional {
			rhk = append(rhk, para{text: "Sasaran strategis: " + orDash(r.StrategicGoal)})
		}
		if r.ParentText != "" {
			rhk = append(rhk, para{text: "Mengintervensi: " + r.ParentText})
		}
		persp := emptyText
		if name, ok := perspectiveNames[r.Perspective]; ok {
			persp = name
		}
		span := []cell{
			{w: spanW[0], paras: plain(persp)},
			{w: spanW[1], paras: plain(strconv.Itoa(n)), align: "C"},
			{w: spanW[2], paras: rhk},
		}
		subs := p.indicatorRows(r, false, subW)
		if quantitative {
			// The JPT lampiran has no aspect column: the aspect heads the indicator.
			inds := slices.DeleteFunc(slices.Clone(r.Indicators), func(i *kinerja.Indicator) bool { return i == nil })
			slices.SortStableFunc(inds, func(a, b *kinerja.Indicator) int { return aspectOrder(a.Aspect) - aspectOrder(b.Aspect) })
			for i, ind := range inds {
				if i < len(subs) && ind.Aspect != "" {
					subs[i][0].paras = []para{{text: aspectName(ind.Aspect), bold: true}, {text: orDash(ind.Text)}}
				}
			}
		}
		return p.row(span, subs)
	})
}

// resultsTable lays out the HASIL KERJA table of s: the header cells head with their widths,
// then the RHK under A. UTAMA and B. TAMBAHAN in their order, numbered within each part, one
// row each from row.
func (p *skpPDF) resultsTable(s *kinerja.SKP, head []string, widths []float64, row func(n int, r *kinerja.Result) *laid) {
	var cells []cell
	for i, text := range head {
		cells = append(cells, cell{w: widths[i], paras: bold(text), align: "C", fill: true})
	}
	t := &table{p: p, header: p.row(cells, nil)}
	rows := slices.DeleteFunc(slices.Clone(s.Results), func(r *kinerja.Result) bool { return r == nil })
	slices.SortStableFunc(rows, func(a, b *kinerja.Result) int { return a.Position - b.Position })
	for k, kind := range []kinerja.ResultKind{kinerja.ResultMain, kinerja.ResultAdditional} {
		title := p.row([]cell{{w: bodyWidth, paras: bold([]string{"A. UTAMA", "B. TAMBAHAN"}[k]), fill: true}}, nil)
		var laidRows []*laid
		n := 0
		for _, r := range rows {
			if r.Kind != kind && !(kind == kinerja.ResultMain && r.Kind == "") {
				continue
			}
			n++
			laidRows = append(laidRows, row(n, r))
		}
		if len(laidRows) == 0 {
			laidRows = append(laidRows, p.row([]cell{{w: bodyWidth, paras: plain(emptyText), align: "C"}}, nil))
		}
		if k == 0 {
			t.start("HASIL KERJA", title, laidRows[0])
		} else {
			t.add(title, laidRows[0])
		}
		for _, l := range laidRows {
			t.add(l, nil)
		}
	}
}

// indicatorRows returns one sub-row per indicator of r, aspects in their official order.
func (p *skpPDF) indicatorRows(r *kinerja.Result, quantitative bool, w []float64) [][]cell {
	inds := slices.DeleteFunc(slices.Clone(r.Indicators), func(i *kinerja.Indicator) bool { return i == nil })
	if quantitative {
		slices.SortStableFunc(inds, func(a, b *kinerja.Indicator) int {
			return aspectOrder(a.Aspect) - aspectOrder(b.Aspect)
		})
	}
	var subs [][]cell
	for _, ind := range inds {
		target := orDash(strings.TrimSpace(ind.Target + " " + ind.Unit))
		var sub []cell
		if quantitative {
			sub = append(sub, cell{w: w[0], paras: plain(aspectName(ind.Aspect))})
		}
		sub = append(sub, cell{w: w[len(w)-2], paras: plain(orDash(ind.Text))}, cell{w: w[len(w)-1], paras: plain(target)})
		subs = append(subs, sub)
	}
	if len(subs) == 0 {
		var sub []cell
		for _, cw := range w {
			sub = append(sub, cell{w: cw, paras: plain(emptyText)})
		}
		subs = append(subs, sub)
	}
	return subs
}

func aspectOrder(a kinerja.Aspect) int {
	if i := slices.Index(kinerja.Aspects, a); i >= 0 {
		return i
	}
	return len(kinerja.Aspects)
}

func aspectName(a kinerja.Aspect) string {
	if a == "" {
		return emptyText
	}
	return strings.ToUpper(string(a[:1])) + string(a[1:])
}

// behaviors draws the PERILAKU KERJA table: the seven BerAKHLAK values in order with their
// guides and the supervisor's expectation.
func (p *skpPDF) behaviors(s *kinerja.SKP) {
	expect := map[string]string{}
	for _, b := range s.Behaviors {
		expect[b.Value] = b.Expectation
	}
	w := []float64{8, 102, 70}
	t := &table{p: p, header: p.row([]cell{
		{w: w[0], paras: bold("NO"), align: "C", fill: true},
		{w: w[1], paras: bold("PERILAKU KERJA"), align: "C", fill: true},
		{w: w[2], paras: bold("EKSPEKTASI KHUSUS PIMPINAN"), align: "C", fill: true},
	}, nil)}
	for i, v := range kinerja.BerAKHLAK {
		paras := bold(v.Name)
		for _, g := range v.Guides {
			paras = append(paras, para{text: g, bullet: true})
		}
		l := p.row([]cell{
			{w: w[0], paras: plain(strconv.Itoa(i + 1)), align: "C"},
			{w: w[1], paras: paras},
			{w: w[2], paras: plain(orDash(strings.TrimSpace(expect[v.Code])))},
		}, nil)
		if i == 0 {
			t.start("PERILAKU KERJA", l, nil)
		} else {
			t.add(l, nil)
		}
	}
}

// attachment draws the lampiran: supporting resources, accountability scheme and consequences.
func (p *skpPDF) attachment(s *kinerja.SKP) {
	t := &table{p: p}
	parts := [][2]string{
		{"DUKUNGAN SUMBER DAYA", s.Resources},
		{"SKEMA PERTANGGUNGJAWABAN", s.Accountability},
		{"KONSEKUENSI", s.Consequences},
	}
	for i, part := range parts {
		head := p.row([]cell{{w: bodyWidth, paras: bold(part[0]), fill: true}}, nil)
		body := p.row([]cell{{w: bodyWidth, paras: plain(orDash(strings.TrimSpace(part[1])))}}, nil)
		if i == 0 {
			t.start("LAMPIRAN SASARAN KINERJA PEGAWAI", head, body)
		} else {
			t.add(head, body)
		}
		t.add(body, nil)
	}
}

// signatures draws the signature block: the pejabat penilai on the left, the employee with
// the place and date of signing on the right.
func (p *skpPDF) signatures(d SKPDocument) {
	s := d.SKP
	pdf := p.pdf
	if pdf.GetY()+8+4*signLine+signSpace+8 > pageBottom {
		pdf.AddPage()
	} else {
		pdf.Ln(8)
	}
	top := pdf.GetY()
	yl := p.signature(pageMargin, []string{"", "Pejabat Penilai Kinerja"}, s.Appraiser)
	pdf.SetY(top)
	yr := p.signature(pageMargin+bodyWidth/2, []string{placeDate(d.Place, d.Date), "Pegawai yang Dinilai"}, &s.Employee)
	pdf.SetY(max(yl, yr))
}

// Signature blocks: the height of a line and the room left for the signature itself.
const signLine, signSpace = 4.5, 20.0

// signature draws one signature column half the body wide at x from the current line: the
// lines above the signature, room to sign, then the name (bold) and NIP of pe, or dots for a
// name to fill in by hand when pe is nil. It returns the y below it.
func (p *skpPDF) signature(x float64, lines []string, pe *kinerja.Person) float64 {
	pdf := p.pdf
	name, nip := "(....................................................)", "NIP. "
	if pe != nil {
		name, nip = orDash(pe.Name), "NIP. "+orDash(pe.NIP)
	}
	y := pdf.GetY()
	p.font(false, 9)
	for _, l := range lines {
		pdf.SetXY(x, y)
		pdf.CellFormat(bodyWidth/2, signLine, p.tr(l), "", 0, "C", false, 0, "")
		y += signLine
	}
	y += signSpace
	p.font(true, 9)
	pdf.SetXY(x, y)
	pdf.MultiCell(bodyWidth/2, signLine, p.tr(name), "", "C", false)
	p.font(false, 9)
	pdf.SetX(x)
	pdf.MultiCell(bodyWidth/2, signLine, p.tr(nip), "", "C", false)
	return pdf.GetY()
}

// placeDate is "Place, 27 November 2026" above a signature; dots for a date not known yet.
func placeDate(place string, date kinerja.Date) string {
	text := longDate(date)
	if date.IsZero() {
		text = "...................."
	}
	if place != "" {
		text = place + ", " + text
	}
	return text
}

// longDate writes a date the Indonesian way: "27 November 2026".
func longDate(d kinerja.Date) string {
	if d.IsZero() {
		return emptyText
	}
	return fmt.Sprintf("%d %s %d", d.Day(), monthNames[d.Month()-1], d.Year())
}

func statusName(s kinerja.SKPStatus) string {
	if n, ok := statusNames[s]; ok {
		return n
	}
	return string(s)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return emptyText
	}
	return s
}
