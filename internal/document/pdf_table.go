package document

import "strings"

// This file draws the bordered tables of the PDF documents: cells wrap their text, a row is
// as tall as its tallest cell, a row that does not fit on the page moves whole to the next
// one (where the table header is repeated), and only a row taller than a page is split.

// para is a paragraph of a table cell; a bulleted one hangs its lines after the bullet.
type para struct {
	text   string
	bold   bool
	bullet bool
}

func plain(text string) []para { return []para{{text: text}} }
func bold(text string) []para  { return []para{{text: text, bold: true}} }

// cell is a table cell before layout.
type cell struct {
	w     float64
	paras []para
	align string // "L" (default) or "C"
	fill  bool   // shaded, for headers
}

// line is one printed line of a cell, already in the font's encoding.
type line struct {
	text   string
	bold   bool
	bullet bool    // print a bullet before the text
	indent float64 // of the text from the cell's left edge
}

// laidCell is a cell broken into lines.
type laidCell struct {
	w     float64
	align string
	fill  bool
	lines []line
}

// laid is a table row broken into lines: span cells run the full height of the row, and the
// cells to their right may be stacked in sub-rows (such as one per indicator of an RHK).
type laid struct {
	span   []laidCell
	subs   [][]laidCell
	groupW []float64 // widths of the sub-row cells, to draw them empty after a split
}

// row lays out a table row.
func (p *skpPDF) row(span []cell, subs [][]cell) *laid {
	l := &laid{}
	for _, c := range span {
		l.span = append(l.span, p.layout(c))
	}
	for _, sub := range subs {
		var lc []laidCell
		for _, c := range sub {
			lc = append(lc, p.layout(c))
		}
		l.subs = append(l.subs, lc)
	}
	if len(subs) > 0 {
		for _, c := range subs[0] {
			l.groupW = append(l.groupW, c.w)
		}
	}
	return l
}

// layout breaks the paragraphs of c into lines that fit its width.
func (p *skpPDF) layout(c cell) laidCell {
	lc := laidCell{w: c.w, align: c.align, fill: c.fill}
	if lc.align == "" {
		lc.align = "L"
	}
	for _, pa := range c.paras {
		p.font(pa.bold, bodyPt)
		indent := 0.0
		if pa.bullet {
			indent = bulletIndent
		}
		for i, text := range strings.Split(p.tr(pa.text), "\n") {
			parts := p.pdf.SplitLines([]byte(text), c.w-indent)
			if len(parts) == 0 {
				parts = [][]byte{nil} // keep blank lines
			}
			for j, b := range parts {
				lc.lines = append(lc.lines, line{text: string(b), bold: pa.bold, indent: indent, bullet: pa.bullet && i == 0 && j == 0})
			}
		}
	}
	return lc
}

func (c laidCell) height() float64 { return float64(len(c.lines))*lineH + 2*cellPad }

func subHeight(sub []laidCell) float64 {
	h := 2 * cellPad
	for _, c := range sub {
		h = max(h, c.height())
	}
	return h
}

// height is the height of the row: of its tallest span cell or of its sub-rows together.
func (l *laid) height() float64 {
	h, g := 2*cellPad, 0.0
	for _, c := range l.span {
		h = max(h, c.height())
	}
	for _, sub := range l.subs {
		g += subHeight(sub)
	}
	return max(h, g)
}

// cut splits a row taller than avail into a first part that fits in avail and the rest.
// avail must hold at least one line.
func (l *laid) cut(avail float64) (first, rest *laid) {
	first, rest = &laid{groupW: l.groupW}, &laid{groupW: l.groupW}
	split := func(c laidCell, n int) (laidCell, laidCell) {
		n = min(n, len(c.lines))
		a, b := c, c
		a.lines, b.lines = c.lines[:n], c.lines[n:]
		return a, b
	}
	n := int((avail - 2*cellPad) / lineH)
	for _, c := range l.span {
		a, b := split(c, n)
		first.span, rest.span = append(first.span, a), append(rest.span, b)
	}
	used := 0.0
	for i, sub := range l.subs {
		if h := subHeight(sub); used+h <= avail {
			first.subs = append(first.subs, sub)
			used += h
			continue
		}
		if m := int((avail - used - 2*cellPad) / lineH); m > 0 {
			var a, b []laidCell
			for _, c := range sub {
				ca, cb := split(c, m)
				a, b = append(a, ca), append(b, cb)
			}
			first.subs, rest.subs = append(first.subs, a), append(rest.subs, b)
		} else {
			rest.subs = append(rest.subs, sub)
		}
		rest.subs = append(rest.subs, l.subs[i+1:]...)
		break
	}
	return first, rest
}

// draw draws l at the current position and moves below it.
func (p *skpPDF) draw(l *laid) {
	x0, y0 := pageMargin, p.pdf.GetY()
	h := l.height()
	x := x0
	for _, c := range l.span {
		p.drawCell(c, x, y0, h)
		x += c.w
	}
	y := y0
	for i, sub := range l.subs {
		sh := subHeight(sub)
		if i == len(l.subs)-1 {
			sh = y0 + h - y // the last sub-row fills the row
		}
		cx := x
		for _, c := range sub {
			p.drawCell(c, cx, y, sh)
			cx += c.w
		}
		y += sh
	}
	if len(l.subs) == 0 {
		for _, w := range l.groupW {
			p.drawCell(laidCell{w: w}, x, y0, h)
			x += w
		}
	}
	p.pdf.SetXY(x0, y0+h)
}

func (p *skpPDF) drawCell(c laidCell, x, y, h float64) {
	pdf := p.pdf
	style := "D"
	if c.fill {
		style = "FD"
	}
	pdf.Rect(x, y, c.w, h, style)
	for i, ln := range c.lines {
		p.font(ln.bold, bodyPt)
		ly := y + cellPad + float64(i)*lineH
		if ln.bullet {
			pdf.SetXY(x, ly)
			pdf.CellFormat(bulletIndent+cellMargin, lineH, p.tr("•"), "", 0, "L", false, 0, "")
		}
		pdf.SetXY(x+ln.indent, ly)
		pdf.CellFormat(c.w-ln.indent, lineH, ln.text, "", 0, c.align, false, 0, "")
	}
}

// table draws rows one below the other, breaking pages between them.
type table struct {
	p      *skpPDF
	header *laid // repeated on each page the table continues on; may be nil
}

// keepH is how much of a row taller than a page must fit below a heading row for the
// heading to stay on the page; such a row starts where it is.
const keepH = 2*cellPad + 3*lineH

// keep is the height to reserve for next below a heading row: all of it, since a row moves
// to the next page whole, unless it is taller than a page.
func (t *table) keep(next *laid) float64 {
	if next == nil {
		return 0
	}
	if h := next.height(); h <= t.room() {
		return h
	}
	return keepH
}

// start draws a section title and the table header above first, on a new page unless they
// fit with first and the beginning of next.
func (t *table) start(title string, first, next *laid) {
	pdf := t.p.pdf
	const titleH, gap = 7.0, 3.0
	need := gap + titleH + first.height()
	if t.header != nil {
		need += t.header.height()
	}
	need += t.keep(next)
	if pdf.GetY()+need > pageBottom {
		pdf.AddPage()
	} else {
		pdf.Ln(gap)
	}
	t.p.font(true, 10)
	pdf.SetX(pageMargin)
	pdf.CellFormat(bodyWidth, titleH, t.p.tr(title), "", 1, "L", false, 0, "")
	if t.header != nil {
		t.p.draw(t.header)
	}
	t.add(first, next)
}

// add draws l, keeping it on one page with the beginning of next when next is not nil.
func (t *table) add(l, next *laid) {
	pdf := t.p.pdf
	need := l.height()
	need += t.keep(next)
	if pdf.GetY()+need > pageBottom && (need <= t.room() || pageBottom-pdf.GetY() < keepH) {
		t.newPage()
	}
	// Only a row taller than a whole page gets here too tall; it runs on over pages.
	for pdf.GetY()+l.height() > pageBottom {
		first, rest := l.cut(pageBottom - pdf.GetY())
		t.p.draw(first)
		t.newPage()
		l = rest
	}
	t.p.draw(l)
}

// room is the height a fresh page holds for rows of this table.
func (t *table) room() float64 {
	h := pageBottom - pageMargin
	if t.header != nil {
		h -= t.header.height()
	}
	return h
}

func (t *table) newPage() {
	t.p.pdf.AddPage()
	if t.header != nil {
		t.p.draw(t.header)
	}
}
