package demo

import (
	"context"
	"fmt"

	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// loadFeedback gives the demo continuous feedback with a reply, peer reviews (one employee
// with enough answers to see the aggregate, one still short of it), anonymous upward feedback
// for the Sekretaris Kecamatan with a reply, and a dialog kinerja with agreed actions. It adds
// nothing when the first piece is already there.
func loadFeedback(ctx context.Context, db *sqldb.DB, org int64, nips map[string]string, ids map[string]int64) error {
	id := func(key string) int64 { return ids[nips[key]] }
	as := func(key string) context.Context { return supervisorContext(ctx, org, id(key)) }
	staff, boss := id("pengelola.kepegawaian"), id("kasubbag.umum")
	year := kinerja.Today(db.Now()).Year()
	if have, err := db.FindFeedback(ctx, staff, 0); err != nil || len(have) > 0 {
		return err
	}

	// Continuous feedback on an RHK and on a value, a reply, and a request.
	skps, _, err := db.FindSKPs(ctx, kinerja.SKPFilter{OrgID: org, EmployeeID: &staff, Limit: 1})
	if err != nil {
		return err
	}
	var rhk *int64
	if len(skps) > 0 {
		if s, err := db.FindSKPByID(ctx, skps[0].ID); err == nil && len(s.Results) > 0 {
			rhk = &s.Results[0].ID
		}
	}
	first, err := db.CreateFeedback(as("kasubbag.umum"), kinerja.NewFeedback{AboutEmployeeID: staff, ResultID: rhk,
		Text: "Rekap daftar hadir bulan ini sudah rapi dan tepat waktu. Lanjutkan, dan tambahkan ringkasan keterlambatan per seksi."})
	if err != nil {
		return fmt.Errorf("demo feedback: %w", err)
	}
	if _, err := db.CreateFeedback(as("pengelola.kepegawaian"), kinerja.NewFeedback{AboutEmployeeID: staff, ParentID: &first.ID,
		Text: "Siap, mulai bulan depan ringkasan per seksi saya lampirkan."}); err != nil {
		return fmt.Errorf("demo feedback reply: %w", err)
	}
	if _, err := db.CreateFeedback(as("kasubbag.umum"), kinerja.NewFeedback{AboutEmployeeID: staff, Value: "berorientasi_pelayanan",
		Text: "Warga yang mengurus surat pindah memuji penjelasan Anda yang sabar. Pertahankan."}); err != nil {
		return fmt.Errorf("demo feedback: %w", err)
	}
	if _, err := db.CreateFeedback(as("staf.umum.2"), kinerja.NewFeedback{AboutEmployeeID: id("staf.umum.2"), Request: true,
		Text: "Mohon masukan atas usulan format baru buku agenda surat."}); err != nil {
		return fmt.Errorf("demo feedback request: %w", err)
	}

	// Peer reviews for the current year.
	periods, err := db.FindPeriods(ctx, org)
	if err != nil || len(periods) == 0 {
		return err
	}
	period := periods[0].ID
	peers := []int64{id("staf.umum.2"), id("staf.umum.3"), id("staf.keuangan.1"), id("staf.keuangan.2")}
	tasks, err := db.AssignPeers(as("kasubbag.umum"), period, staff, peers)
	if err != nil {
		return fmt.Errorf("demo peers: %w", err)
	}
	ratings := func(k int) map[string]kinerja.Rating {
		out := map[string]kinerja.Rating{}
		for i, v := range kinerja.BerAKHLAK {
			r := kinerja.RatingMeets
			if (i+k)%4 == 0 {
				r = kinerja.RatingAbove
			}
			out[v.Code] = r
		}
		return out
	}
	comments := []string{"Selalu membantu rekan yang kewalahan di loket.", "Teliti saat memeriksa berkas.", "Perlu lebih aktif berbagi informasi jadwal."}
	for k, task := range tasks[:3] {
		peerCtx := supervisorContext(ctx, org, task.PeerID)
		if err := db.AnswerPeer(peerCtx, task.ID, ratings(k), comments[k]); err != nil {
			return fmt.Errorf("demo peer answer: %w", err)
		}
	}
	short, err := db.AssignPeers(as("kasubbag.keuangan"), period, id("staf.keuangan.1"),
		[]int64{id("staf.keuangan.2"), id("staf.keuangan.3"), id("staf.umum.2")})
	if err != nil {
		return fmt.Errorf("demo peers: %w", err)
	}
	for k, task := range short[:2] {
		if err := db.AnswerPeer(supervisorContext(ctx, org, task.PeerID), task.ID, ratings(k+1), ""); err != nil {
			return fmt.Errorf("demo peer answer: %w", err)
		}
	}

	// Anonymous upward feedback for the Sekretaris Kecamatan, and her reply to the team.
	for k, key := range []string{"kasubbag.umum", "kasubbag.keuangan", "prakom", "staf.umum.2"} {
		scores := kinerja.UpwardScores{Clarity: 3 + k%2, Support: 3, Openness: 2 + k%3, Fairness: 3}
		text := []string{"Arahan rapat pagi jelas.", "Mohon target bulanan dibagikan lebih awal.", "", "Terbuka terhadap usulan perbaikan layanan."}[k]
		if err := db.GiveUpwardFeedback(as(key), id("sekcam"), year, scores, text); err != nil {
			return fmt.Errorf("demo upward feedback: %w", err)
		}
	}
	if _, err := db.ReplyUpward(as("sekcam"), year, "Terima kasih atas masukannya. Mulai bulan depan target bulanan saya bagikan setiap tanggal 1 lewat rapat pagi."); err != nil {
		return fmt.Errorf("demo upward reply: %w", err)
	}

	// A dialog kinerja between the Kepala Subbagian and a staff member.
	today := kinerja.Today(db.Now())
	_, err = db.CreateDialog(as("kasubbag.umum"), kinerja.NewDialog{EmployeeID: staff, Date: today.AddDate(0, 0, -14),
		Topics: "Capaian rekap kehadiran triwulan ini; kendala mesin presensi; rencana pelatihan aplikasi persuratan.",
		Actions: []kinerja.NewDialogAction{
			{Text: "Mengajukan perbaikan mesin presensi", OwnerID: boss, DueDate: today.AddDate(0, 0, 7)},
			{Text: "Mengikuti bimtek aplikasi persuratan elektronik", OwnerID: staff, DueDate: today.AddDate(0, 1, 0)},
		}})
	if err != nil {
		return fmt.Errorf("demo dialog: %w", err)
	}
	return nil
}
