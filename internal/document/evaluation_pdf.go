package document

import (
	"cmp"
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

// EvaluationDocument is the Dokumen Evaluasi Kinerja Pegawai of one assessment.
type EvaluationDocument struct {
	Assessment   *kinerja.Assessment
	SKP          *kinerja.SKP          // with Results (Indicators) and Behaviors; Employee/Appraiser/AppraiserSuperior snapshots
	Realisation  []kinerja.Realisation // per indicator for the assessment's period
	Feedback     []*kinerja.Feedback   // continuous feedback of the period (by RHK via ResultID, by value via Value)
	Organisation string
	OrgPredikat  kinerja.OrgPredikat // "" when none was set
	PeriodLabel  string              // e.g. "Triwulan I 2026" (the caller formats it)
	// PeriodStart and PeriodEnd are the dates the evaluation covers (the PERIODE PENILAIAN);
	// zero when unknown.
	PeriodStart, PeriodEnd kinerja.Date
	// Decider is the official who decided the employee's objection; the SKP's atasan pejabat
	// penilai when nil.
	Decider *kinerja.Person
	// Periodic are the periodic assessments of the year, for the annual document.
	Periodic []*kinerja.Assessment
	Place    string
	Date     kinerja.Date
}

// orgPredikatNames names the organisation predikat in Bahasa Indonesia.
var orgPredikatNames = map[kinerja.OrgPredikat]string{
	kinerja.OrgIstimewa: "Istimewa", kinerja.OrgBaik: "Baik", kinerja.OrgButuhPerbaikan: "Butuh Perbaikan",
	kinerja.OrgKurang: "Kurang", kinerja.OrgSangatKurang: "Sangat Kurang",
}

// assessmentStatusNames names the sign-off statuses of an assessment in Bahasa Indonesia.
var assessmentStatusNames = map[kinerja.AssessmentStatus]string{
	kinerja.AssessmentDraft:        "draf",
	kinerja.AssessmentFinal:        "final",
	kinerja.AssessmentAcknowledged: "diterima pegawai",
	kinerja.AssessmentObjected:     "keberatan diajukan",
}

// wib is the time zone feedback dates are shown in.
var wib = time.FixedZone("WIB", 7*60*60)

// WriteEvaluationPDF writes the Dokumen Evaluasi Kinerja Pegawai of d.Assessment in the
// layout of PermenPANRB 6/2022: the period with its dates, identity blocks of the employee,
// the pejabat penilai and their superior, the organisation's result, each RHK with the RHK
// pimpinan it intervenes, its realisation and continuous feedback, the BerAKHLAK behaviours
// with their feedback, both ratings with their reasons, the predikat, the justification of a
// predikat outside the distribution curve, the periodic results of the year (annual document
// only), the Catatan/Rekomendasi, the outcome of an objection, and the signature blocks:
// the employee, the pejabat penilai, then the atasan pejabat penilai who decided an
// objection. It is A4 portrait, in Bahasa Indonesia, drawn like the SKP document.
func WriteEvaluationPDF(w io.Writer, d EvaluationDocument) error {
	a, s := d.Assessment, d.SKP
	if a == nil {
		return errors.New("write evaluation pdf: no assessment")
	}
	if s == nil {
		return errors.New("write evaluation pdf: no skp")
	}
	p := newEvaluationPDF(d)
	p.evaluationHeader(d)
	p.identity(s)
	p.superiorIdentity(s)
	p.organisationResult(d.OrgPredikat)
	p.evaluationResults(d)
	p.ratingBox("RATING HASIL KERJA", a.ResultRating, reasonParas(a.ResultReason))
	p.evaluationBehaviors(d)
	p.ratingBox("RATING PERILAKU KERJA", a.BehaviorRating, reasonParas(a.BehaviorReason))
	p.predikat(a)
	p.periodicResults(d)
	p.recommendation(a)
	p.objection(d)
	p.evaluationSignatures(d)
	if err := p.pdf.Output(w); err != nil {
		return fmt.Errorf("write evaluation pdf: %w", err)
	}
	return nil
}

// newEvaluationPDF sets up the document like newSKPPDF: A4, core fonts, the tables'
// own page breaks, and a footer naming the document with the page number. A draft
// assessment carries the DRAF watermark.
func newEvaluationPDF(d EvaluationDocument) *skpPDF {
	s, a := d.SKP, d.Assessment
	pdf := fpdf.New("P", "mm", "A4", "")
	cp := pdf.UnicodeTranslatorFromDescriptor("cp1252")
	p := &skpPDF{pdf: pdf, tr: func(t string) string { return cp(typography.Replace(t)) }}
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(false, 297-pageBottom)
	pdf.SetCellMargin(cellMargin)
	pdf.SetTitle(strings.TrimSpace("Dokumen Evaluasi Kinerja Pegawai "+s.Employee.Name+" "+d.PeriodLabel), true)
	pdf.SetSubject("Evaluasi Kinerja "+s.Employee.NIP, true)
	pdf.SetCreator("Kinerja", true)
	pdf.AliasNbPages("{nb}")
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetFillColor(228, 228, 228)
	if a.Status == kinerja.AssessmentDraft || a.Status == "" {
		pdf.SetHeaderFunc(p.watermark)
	}
	pdf.SetFooterFunc(func() {
		pdf.SetY(-13)
		pdf.SetFont("Helvetica", "", 7)
		pdf.SetTextColor(90, 90, 90)
		left := "Evaluasi Kinerja"
		if d.PeriodLabel != "" {
			left += " " + d.PeriodLabel
		}
		left += " · " + s.Employee.Name + " · NIP " + s.Employee.NIP
		pdf.CellFormat(bodyWidth-40, 4, p.tr(left), "T", 0, "L", false, 0, "")
		pdf.CellFormat(40, 4, fmt.Sprintf("Halaman %d dari {nb}", pdf.PageNo()), "T", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.SetFont("Helvetica", "", bodyPt)
	pdf.AddPage()
	return p
}

func (p *skpPDF) evaluationHeader(d EvaluationDocument) {
	p.centered("DOKUMEN EVALUASI KINERJA PEGAWAI", true, 13, 6.5)
	if d.Organisation != "" {
		p.centered(strings.ToUpper(d.Organisation), true, 9.5, 4.8)
	}
	p.centered("PERIODE: "+orDash(d.PeriodLabel), false, 9, 4.8)
	if !d.PeriodStart.IsZero() && !d.PeriodEnd.IsZero() {
		p.centered("PERIODE PENILAIAN: "+longDate(d.PeriodStart)+" s.d. "+longDate(d.PeriodEnd), false, 9, 4.8)
	}
	if st := d.Assessment.Status; st == kinerja.AssessmentDraft || st == "" {
		p.pdf.SetTextColor(170, 0, 0)
		p.centered("DRAF — penilaian belum final", true, 9, 4.8)
		p.pdf.SetTextColor(0, 0, 0)
	}
	p.pdf.Ln(3)
}

// superiorIdentity draws the block of the atasan pejabat penilai below the two identity
// blocks, across the full width.
func (p *skpPDF) superiorIdentity(s *kinerja.SKP) {
	t := &table{p: p}
	t.add(p.row([]cell{
		{w: 8, paras: bold("NO"), align: "C", fill: true},
		{w: bodyWidth - 8, paras: bold("ATASAN PEJABAT PENILAI KINERJA"), align: "C", fill: true},
	}, nil), nil)
	labels := []string{"NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA"}
	fields := personFields(s.AppraiserSuperior)
	for i, label := range labels {
		t.add(p.row([]cell{
			{w: 8, paras: plain(strconv.Itoa(i + 1)), align: "C"},
			{w: 31, paras: plain(label)},
			{w: bodyWidth - 39, paras: plain(fields[i])},
		}, nil), nil)
	}
}

// organisationResult draws the CAPAIAN KINERJA ORGANISASI line. The pola distribusi is
// left out: it concerns the whole unit, not this employee.
func (p *skpPDF) organisationResult(o kinerja.OrgPredikat) {
	label := emptyText
	if o != "" {
		label = cmp.Or(orgPredikatNames[o], string(o))
	}
	t := &table{p: p}
	p.pdf.Ln(3)
	t.add(p.row([]cell{
		{w: 70, paras: bold("CAPAIAN KINERJA ORGANISASI"), fill: true},
		{w: bodyWidth - 70, paras: bold(label)},
	}, nil), nil)
}

// evaluationResults draws the HASIL KERJA table: utama then tambahan RHK, each with the RHK
// pimpinan it intervenes, its indicators, targets and realisation as sub-rows and, below
// them, the continuous feedback given on the RHK.
func (p *skpPDF) evaluationResults(d EvaluationDocument) {
	s := d.SKP
	quantitative := s.Approach != kinerja.ApproachQualitative
	spanW := []float64{8, 30, 34}
	subW := []float64{44, 30, 34}
	subHead := []string{"INDIKATOR KINERJA INDIVIDU", "TARGET", "REALISASI BERDASARKAN BUKTI DUKUNG"}
	if quantitative {
		subW = []float64{16, 34, 24, 34}
		subHead = append([]string{"ASPEK"}, subHead...)
	}
	realised := map[int64]kinerja.Realisation{}
	for _, r := range d.Realisation {
		realised[r.IndicatorID] = r
	}
	groupW := 0.0
	for _, w := range subW {
		groupW += w
	}
	head := append([]string{"NO", "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "RENCANA HASIL KERJA"}, subHead...)
	p.resultsTable(s, head, append(slices.Clone(spanW), subW...), func(n int, r *kinerja.Result) *laid {
		span := []cell{
			{w: spanW[0], paras: plain(strconv.Itoa(n)), align: "C"},
			{w: spanW[1], paras: plain(orDash(r.ParentText))},
			{w: spanW[2], paras: plain(orDash(r.Text))},
		}
		subs := p.realisationRows(r, quantitative, subW, realised)
		var about []*kinerja.Feedback
		for _, f := range d.Feedback {
			if f != nil && f.AboutResult(r) {
				about = append(about, f)
			}
		}
		subs = append(subs, []cell{{w: groupW, paras: feedbackParas("Umpan balik berkelanjutan", about)}})
		return p.row(span, subs)
	})
}

// realisationRows returns one sub-row per indicator of r with its target and realisation,
// aspects in their official order.
func (p *skpPDF) realisationRows(r *kinerja.Result, quantitative bool, w []float64, realised map[int64]kinerja.Realisation) [][]cell {
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
		rl, ok := realised[ind.ID]
		if !ok || ind.ID == 0 {
			rl = kinerja.Realisation{Unit: ind.Unit}
		}
		n := len(w)
		sub = append(sub, cell{w: w[n-3], paras: plain(orDash(ind.Text))}, cell{w: w[n-2], paras: plain(target)},
			cell{w: w[n-1], paras: realisationParas(rl, ind.Unit)})
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

// realisationParas writes a realisation: the value computed from approved activities with
// its unit and share of the period's target, and the employee's own note; "—" when neither is there.
func realisationParas(r kinerja.Realisation, unit string) []para {
	var out []para
	if r.Computed != nil {
		text := strings.TrimSpace(formatNumber(*r.Computed) + " " + cmp.Or(r.Unit, unit))
		if t, ok := kinerja.ParseTarget(r.Target); ok && r.Percent != nil && r.PeriodTarget != nil && *r.PeriodTarget < t {
			text += " (" + kinerja.FormatPercent("id", *r.Percent) + " dari target periode " + formatNumber(*r.PeriodTarget) + ")"
		} else if r.Percent != nil {
			text += " (" + kinerja.FormatPercent("id", *r.Percent) + ")"
		}
		out = append(out, para{text: text})
	}
	if note := strings.TrimSpace(r.Note); note != "" {
		out = append(out, para{text: note})
	}
	if len(out) == 0 {
		return plain(emptyText)
	}
	return out
}

// formatNumber writes v the Indonesian way, with at most two decimals: 1234.5 → "1.234,5".
func formatNumber(v float64) string { return kinerja.FormatNumber("id", v) }

// feedbackParas lists feedback oldest first, each with its author and date, under a bold
// label; "belum ada" when there is none.
func feedbackParas(label string, fs []*kinerja.Feedback) []para {
	if len(fs) == 0 {
		return plain(label + ": belum ada.")
	}
	fs = slices.Clone(fs)
	slices.SortStableFunc(fs, func(a, b *kinerja.Feedback) int { return a.CreatedAt.Compare(b.CreatedAt) })
	out := bold(label + ":")
	for _, f := range fs {
		out = append(out, para{text: feedbackText(f), bullet: true})
	}
	return out
}

func feedbackText(f *kinerja.Feedback) string {
	text := strings.TrimSpace(f.Text)
	switch {
	case f.Request:
		text = "Permintaan umpan balik: " + text
	case f.ParentID != nil:
		text = "Tanggapan: " + text
	}
	var by []string
	if f.AuthorName != "" {
		by = append(by, f.AuthorName)
	}
	if !f.CreatedAt.IsZero() {
		t := f.CreatedAt.In(wib)
		by = append(by, longDate(kinerja.NewDate(t.Year(), t.Month(), t.Day())))
	}
	if len(by) > 0 {
		text += " (" + strings.Join(by, ", ") + ")"
	}
	return text
}

// evaluationBehaviors draws the PERILAKU KERJA table: the seven BerAKHLAK values with their
// guides and the supervisor's expectation, and the continuous feedback given on each.
func (p *skpPDF) evaluationBehaviors(d EvaluationDocument) {
	expect := map[string]string{}
	for _, b := range d.SKP.Behaviors {
		expect[b.Value] = strings.TrimSpace(b.Expectation)
	}
	feedback := map[string][]*kinerja.Feedback{}
	for _, f := range d.Feedback {
		if f != nil && f.Value != "" {
			feedback[f.Value] = append(feedback[f.Value], f)
		}
	}
	w := []float64{8, 96, 76}
	t := &table{p: p, header: p.row([]cell{
		{w: w[0], paras: bold("NO"), align: "C", fill: true},
		{w: w[1], paras: bold("PERILAKU KERJA"), align: "C", fill: true},
		{w: w[2], paras: bold("UMPAN BALIK BERKELANJUTAN"), align: "C", fill: true},
	}, nil)}
	for i, v := range kinerja.BerAKHLAK {
		paras := bold(v.Name)
		for _, g := range v.Guides {
			paras = append(paras, para{text: g, bullet: true})
		}
		if e := expect[v.Code]; e != "" {
			paras = append(paras, para{text: "Ekspektasi khusus pimpinan: " + e})
		}
		fb := plain(emptyText)
		if fs := feedback[v.Code]; len(fs) > 0 {
			fb = feedbackParas("Umpan balik", fs)[1:]
		}
		l := p.row([]cell{
			{w: w[0], paras: plain(strconv.Itoa(i + 1)), align: "C"},
			{w: w[1], paras: paras},
			{w: w[2], paras: fb},
		}, nil)
		if i == 0 {
			t.start("PERILAKU KERJA", l, nil)
		} else {
			t.add(l, nil)
		}
	}
}

// ratingBox draws a rating with the reasons the pejabat penilai gave for it.
func (p *skpPDF) ratingBox(title string, r kinerja.Rating, reasons []para) {
	label := emptyText
	if r != "" {
		label = cmp.Or(r.Label(), string(r))
	}
	head := p.row([]cell{{w: bodyWidth, paras: bold(title + ": " + label), fill: true}}, nil)
	body := p.row([]cell{{w: bodyWidth, paras: reasons}}, nil)
	p.box(head, body)
}

// reasonParas writes the reason for a rating (for a unit head's rating hasil kerja set away
// from the organisation predikat, the reason the appraiser had to give); "Alasan: —" when none
// was given.
func reasonParas(reason string) []para {
	return []para{{text: "Alasan: " + orDash(strings.TrimSpace(reason))}}
}

// box draws a heading row and a body row as a small table, on the next page unless the
// heading fits with the body (or the beginning of a body taller than a page).
func (p *skpPDF) box(head, body *laid) {
	t := &table{p: p}
	need := 3 + head.height() + min(body.height(), keepH)
	if p.pdf.GetY()+need > pageBottom {
		p.pdf.AddPage()
	} else {
		p.pdf.Ln(3)
	}
	t.add(head, body)
	t.add(body, nil)
}

// predikat draws the Predikat Kinerja Pegawai, large, and the justification of a predikat
// finalised against the distribution curve.
func (p *skpPDF) predikat(a *kinerja.Assessment) {
	pdf := p.pdf
	label := emptyText
	if a.Predikat != "" {
		label = cmp.Or(a.Predikat.Label(), string(a.Predikat))
	}
	const h = 11.0
	if pdf.GetY()+5+h > pageBottom {
		pdf.AddPage()
	} else {
		pdf.Ln(5)
	}
	p.font(true, 12)
	pdf.SetLineWidth(0.5)
	pdf.SetX(pageMargin)
	pdf.CellFormat(bodyWidth, h, p.tr("PREDIKAT KINERJA PEGAWAI: "+label), "1", 1, "C", true, 0, "")
	pdf.SetLineWidth(0.2)
	if j := strings.TrimSpace(a.Justification); j != "" {
		head := p.row([]cell{{w: bodyWidth, paras: bold("Justifikasi (di luar kurva distribusi)"), fill: true}}, nil)
		body := p.row([]cell{{w: bodyWidth, paras: plain(j)}}, nil)
		p.box(head, body)
	}
}

// periodicResults draws, on the annual document, the periodic evaluations of the year: each
// period with its dates, both ratings and its predikat; "belum dinilai" for one not final.
func (p *skpPDF) periodicResults(d EvaluationDocument) {
	if kinerja.PeriodicKey(d.Assessment.Period) {
		return
	}
	w := []float64{8, 52, 36, 36, 48}
	t := &table{p: p, header: p.row([]cell{
		{w: w[0], paras: bold("NO"), align: "C", fill: true},
		{w: w[1], paras: bold("PERIODE"), align: "C", fill: true},
		{w: w[2], paras: bold("RATING HASIL KERJA"), align: "C", fill: true},
		{w: w[3], paras: bold("RATING PERILAKU KERJA"), align: "C", fill: true},
		{w: w[4], paras: bold("PREDIKAT KINERJA PERIODIK"), align: "C", fill: true},
	}, nil)}
	var rows []*laid
	for i, x := range d.Periodic {
		if x == nil {
			continue
		}
		period := []para{{text: PeriodLabel(x.Period)}}
		if from, to, ok := kinerja.EvalPeriodSpan(x.Period, kinerja.Date{}, kinerja.Date{}); ok {
			period = append(period, para{text: longDate(from) + " s.d. " + longDate(to)})
		}
		predikat := "belum dinilai"
		if x.Status != kinerja.AssessmentDraft && x.Predikat != "" {
			predikat = cmp.Or(x.Predikat.Label(), string(x.Predikat))
		}
		rows = append(rows, p.row([]cell{
			{w: w[0], paras: plain(strconv.Itoa(i + 1)), align: "C"},
			{w: w[1], paras: period},
			{w: w[2], paras: plain(ratingText(x.ResultRating))},
			{w: w[3], paras: plain(ratingText(x.BehaviorRating))},
			{w: w[4], paras: bold(predikat)},
		}, nil))
	}
	if len(rows) == 0 {
		rows = append(rows, p.row([]cell{{w: bodyWidth, paras: plain("Belum ada evaluasi kinerja periodik pada tahun ini."), align: "C"}}, nil))
	}
	if p.pdf.GetY()+8 > pageBottom {
		p.pdf.AddPage()
	} else {
		p.pdf.Ln(5)
	}
	t.start("HASIL EVALUASI KINERJA PERIODIK", rows[0], nil)
	for _, r := range rows[1:] {
		t.add(r, nil)
	}
}

func ratingText(r kinerja.Rating) string {
	if r == "" {
		return emptyText
	}
	return cmp.Or(r.Label(), string(r))
}

// recommendation draws the CATATAN/REKOMENDASI of the pejabat penilai.
func (p *skpPDF) recommendation(a *kinerja.Assessment) {
	head := p.row([]cell{{w: bodyWidth, paras: bold("CATATAN/REKOMENDASI"), fill: true}}, nil)
	body := p.row([]cell{{w: bodyWidth, paras: plain(orDash(strings.TrimSpace(a.Recommendation)))}}, nil)
	p.box(head, body)
}

// decisionNames names the outcomes of an objection.
var decisionNames = map[string]string{
	kinerja.DecisionKeep:   "Penilaian tetap (rating tidak diubah)",
	kinerja.DecisionChange: "Penilaian diubah",
}

// objection draws the employee's objection and, once decided, the decision of the atasan
// pejabat penilai with its reason, the deciding official and the date; nothing when the
// employee did not object.
func (p *skpPDF) objection(d EvaluationDocument) {
	a := d.Assessment
	if a.ObjectedAt == nil && strings.TrimSpace(a.ObjectionReason) == "" && a.Decision == "" {
		return
	}
	filed := "Keberatan pegawai"
	if a.ObjectedAt != nil {
		filed += " (diajukan " + longDate(kinerja.Today(*a.ObjectedAt)) + ")"
	}
	paras := []para{{text: filed + ":", bold: true}, {text: orDash(strings.TrimSpace(a.ObjectionReason))}}
	if a.Decision == "" {
		paras = append(paras, para{text: "Keputusan: belum diputuskan oleh atasan pejabat penilai kinerja.", bold: true})
	} else {
		decision := cmp.Or(decisionNames[a.Decision], a.Decision)
		if a.Decision == kinerja.DecisionChange {
			decision += ": rating hasil kerja " + ratingText(a.ResultRating) + ", rating perilaku kerja " +
				ratingText(a.BehaviorRating) + ", predikat " + cmp.Or(a.Predikat.Label(), emptyText)
		}
		paras = append(paras, para{text: "Keputusan: " + decision, bold: true},
			para{text: "Alasan keputusan: " + orDash(strings.TrimSpace(a.DecisionReason))})
		official := objectionDecider(d)
		by := "Diputuskan oleh: " + orDash(official.Name)
		if official.NIP != "" {
			by += ", NIP " + official.NIP
		}
		if official.Position != "" {
			by += ", " + official.Position
		}
		if a.DecidedAt != nil {
			by += ", tanggal " + longDate(kinerja.Today(*a.DecidedAt))
		}
		paras = append(paras, para{text: by})
	}
	head := p.row([]cell{{w: bodyWidth, paras: bold("KEBERATAN DAN KEPUTUSAN ATAS KEBERATAN"), fill: true}}, nil)
	body := p.row([]cell{{w: bodyWidth, paras: paras}}, nil)
	p.box(head, body)
}

// objectionDecider is the official who decided the objection: as recorded, else the SKP's
// atasan pejabat penilai, who decides by rule.
func objectionDecider(d EvaluationDocument) kinerja.Person {
	if d.Decider != nil {
		return *d.Decider
	}
	if s := d.SKP.AppraiserSuperior; s != nil {
		return *s
	}
	return kinerja.Person{}
}

// evaluationSignatures draws the signature blocks in the order of the lampiran: the employee
// on the left and the pejabat penilai on the right, each with the place and date, then, when
// an objection was decided, the atasan pejabat penilai who decided it, with the decision's
// date.
func (p *skpPDF) evaluationSignatures(d EvaluationDocument) {
	s, a := d.SKP, d.Assessment
	pdf := p.pdf
	blockH := 4*signLine + signSpace + 8
	if a.Decision != "" {
		blockH *= 2
	}
	if pdf.GetY()+8+blockH > pageBottom {
		pdf.AddPage()
	} else {
		pdf.Ln(8)
	}
	top := pdf.GetY()
	yl := p.signature(pageMargin, []string{placeDate(d.Place, d.Date), "Pegawai yang Dinilai,"}, &s.Employee)
	pdf.SetY(top)
	yr := p.signature(pageMargin+bodyWidth/2, []string{placeDate(d.Place, d.Date), "Pejabat Penilai Kinerja,"}, s.Appraiser)
	pdf.SetY(max(yl, yr))
	if a.Decision == "" {
		return
	}
	var decided kinerja.Date
	if a.DecidedAt != nil {
		decided = kinerja.Today(*a.DecidedAt)
	}
	official := objectionDecider(d)
	title := "Atasan Pejabat Penilai Kinerja,"
	if s.AppraiserSuperior == nil { // an admin decides when there is no atasan pejabat penilai
		title = "Pejabat yang Memutuskan Keberatan,"
	}
	pdf.Ln(6)
	lines := []string{placeDate(d.Place, decided), title}
	if s.AppraiserSuperior != nil {
		lines = append(lines, "yang memutuskan keberatan")
	}
	p.signature(pageMargin+bodyWidth/4, lines, &official)
}
