package web

import (
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

// upwardData is the data of "Masukan untuk pimpinan": what the reader's staff told them
// (when they lead a team) and the leaders the reader may give anonymous feedback.
type upwardData struct {
	NoEmployee  bool
	Year        int
	Years       []int // the years feedback may be given for: this one and the last
	Leader      bool  // the reader leads a team, and may reply to it
	Summary     *kinerja.UpwardSummary
	Aspects     []upwardAspect
	Replies     []*kinerja.UpwardReply // the reader's own replies to their team
	Reply       form
	Leaders     []upwardLeaderRow
	TeamReplies []*kinerja.UpwardReply // the direct supervisor's replies
}

// upwardLeaderRow is one of the reader's leaders with what the reader may do about them.
type upwardLeaderRow struct {
	*kinerja.UpwardLeader
	Can kinerja.Permitted
}

// upwardAspect is one aspect of the summary: its average of 1–4 and a bar of it in percent.
type upwardAspect struct {
	Code    string
	Average float64
	Bar     int
}

// upwardYear reads ?year=, this year by default; feedback is given for this year and the
// last.
func (h *Handler) upwardYear(v string) (int, []int, bool) {
	this := h.today().Year()
	years := []int{this, this - 1}
	if v == "" {
		return this, years, true
	}
	y, err := strconv.Atoi(v)
	return y, years, err == nil && slices.Contains(years, y)
}

// upward shows the leader's summary of their staff's anonymous feedback (only once enough
// answered), their replies, and the reader's own leaders to give feedback to.
func (h *Handler) upward(w http.ResponseWriter, r *http.Request) {
	h.renderUpward(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) renderUpward(w http.ResponseWriter, r *http.Request, status int, reply *form, formErr error) {
	ctx := r.Context()
	u := kinerja.UserFromContext(ctx)
	d := &upwardData{NoEmployee: u.EmployeeID == nil, Reply: newForm(nil, nil)}
	if reply != nil {
		d.Reply = *reply
	}
	var ok bool
	if d.Year, d.Years, ok = h.upwardYear(r.URL.Query().Get("year")); !ok {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgUpwardYear)
		return
	}
	p := page{Title: "upward.title", Data: d}
	if formErr != nil {
		p.Alert = alertFor(formErr, "text")
	}
	if d.NoEmployee {
		h.render(w, r, status, "upward", p)
		return
	}
	me := *u.EmployeeID
	leaders, err := h.db.FindUpwardLeaders(ctx, d.Year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, l := range leaders {
		d.Leaders = append(d.Leaders, upwardLeaderRow{UpwardLeader: l, Can: kinerja.UpwardActions(u, l.Leader.ID, l.Facts())})
	}
	if len(leaders) > 0 {
		if d.TeamReplies, err = h.db.FindUpwardReplies(ctx, leaders[0].Leader.ID, d.Year); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	mine, err := h.db.UpwardActions(ctx, me, d.Year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Leader = mine.Has(kinerja.ActionReplyUpward); d.Leader {
		if d.Summary, err = h.db.UpwardSummary(ctx, me, d.Year); err != nil {
			h.fail(w, r, err)
			return
		}
		for _, a := range kinerja.UpwardAspects {
			avg := d.Summary.Average(a.Code)
			d.Aspects = append(d.Aspects, upwardAspect{Code: a.Code, Average: avg, Bar: int(math.Round(avg / 4 * 100))})
		}
		if d.Replies, err = h.db.FindUpwardReplies(ctx, me, d.Year); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, status, "upward", p)
}

// upwardRedirect is where notifications about leaders' replies point.
func (h *Handler) upwardRedirect(w http.ResponseWriter, r *http.Request) { redirect(w, r, "/upward") }

// replyUpward publishes the leader's reply to their team for a year.
func (h *Handler) replyUpward(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	year, err := strconv.Atoi(r.PostForm.Get("year"))
	if err != nil {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgUpwardYear)
		return
	}
	if _, err := h.db.ReplyUpward(r.Context(), year, r.PostForm.Get("text")); err != nil {
		if kinerja.ErrorCode(err) != kinerja.EINVALID {
			h.fail(w, r, err)
			return
		}
		r.URL.RawQuery = url.Values{"year": {strconv.Itoa(year)}}.Encode()
		f := newForm(r.PostForm, err)
		h.renderUpward(w, r, httperr.Status(err), &f, err)
		return
	}
	redirect(w, r, withFlash("/upward?year="+strconv.Itoa(year), flashUpwardReplied))
}

// upwardFormData is the data of the anonymous feedback form about one leader.
type upwardFormData struct {
	Leader  *kinerja.UpwardLeader
	Can     kinerja.Permitted // whether the reader may (still) give this leader feedback
	Year    int
	Aspects []kinerja.Question
	Scores  []option
	Form    form
}

// upwardLeader finds leader ?leader= (or the posted leader_id) among the reader's leaders for
// the year.
func (h *Handler) upwardLeader(w http.ResponseWriter, r *http.Request, leader, year string) (*kinerja.UpwardLeader, int, bool) {
	y, _, ok := h.upwardYear(year)
	id, err := strconv.ParseInt(leader, 10, 64)
	if !ok || err != nil || id <= 0 {
		h.ErrorPage(w, r, http.StatusNotFound, kinerja.MsgUpwardNotLeader)
		return nil, 0, false
	}
	leaders, err := h.db.FindUpwardLeaders(r.Context(), y)
	if err != nil {
		h.fail(w, r, err)
		return nil, 0, false
	}
	i := slices.IndexFunc(leaders, func(l *kinerja.UpwardLeader) bool { return l.Leader.ID == id })
	if i < 0 {
		h.ErrorPage(w, r, http.StatusForbidden, kinerja.MsgUpwardNotLeader)
		return nil, 0, false
	}
	return leaders[i], y, true
}

func (h *Handler) renderUpwardForm(w http.ResponseWriter, r *http.Request, status int, l *kinerja.UpwardLeader, year int, f form, alert string) {
	locale := h.locale(r)
	can := kinerja.UpwardActions(kinerja.UserFromContext(r.Context()), l.Leader.ID, l.Facts())
	d := upwardFormData{Leader: l, Can: can, Year: year, Aspects: kinerja.UpwardAspects, Form: f}
	for n := 4; n >= 1; n-- {
		d.Scores = append(d.Scores, option{Value: strconv.Itoa(n), Label: h.i18n.translate(locale, "upward.score_"+strconv.Itoa(n))})
	}
	h.render(w, r, status, "upward_form", page{Title: "upward_form.title", Alert: alert, Data: d})
}

// upwardForm shows the anonymous feedback form about one of the reader's leaders.
func (h *Handler) upwardForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	l, year, ok := h.upwardLeader(w, r, q.Get("leader"), q.Get("year"))
	if !ok {
		return
	}
	h.renderUpwardForm(w, r, http.StatusOK, l, year, newForm(nil, nil), "")
}

// giveUpward records the reader's anonymous feedback on a leader. The leader travels in the
// form, not in the path, so that request logs do not name whom an answer is about.
func (h *Handler) giveUpward(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	l, year, ok := h.upwardLeader(w, r, r.PostForm.Get("leader_id"), r.PostForm.Get("year"))
	if !ok {
		return
	}
	score := func(name string) int {
		n, _ := strconv.Atoi(r.PostForm.Get(name))
		return n
	}
	scores := kinerja.UpwardScores{Clarity: score("clarity"), Support: score("support"), Openness: score("openness"), Fairness: score("fairness")}
	if err := h.db.GiveUpwardFeedback(r.Context(), l.Leader.ID, year, scores, r.PostForm.Get("text")); err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		alert := kinerja.ErrorMessage(err)
		if kinerja.ErrorCode(err) == kinerja.EINVALID {
			alert = alertFor(err, "clarity", "support", "openness", "fairness", "text")
		}
		h.renderUpwardForm(w, r, httperr.Status(err), l, year, newForm(r.PostForm, err), alert)
		return
	}
	redirect(w, r, withFlash("/upward?year="+strconv.Itoa(year), flashUpwardSent))
}
