// Package app holds the use cases that reach beyond one store transaction: documents drawn
// from stored data (SKP and evaluation PDFs, recaps, exports), uploaded evidence kept as files
// beside its record, imports read from a file. The web pages and the JSON API both call it,
// so each of these use cases is written once. A use case that is a single store transaction
// is a method of *sqldb.DB, which both surfaces call directly.
package app

import (
	"kinerja/internal/blob"
	"kinerja/internal/kinerja"
	"kinerja/internal/sqldb"
)

// App runs the use cases on a store and a file store.
type App struct {
	db    *sqldb.DB
	blobs *blob.Store
}

// New returns an App. blobs may be nil where no evidence is stored (tools that only read).
func New(db *sqldb.DB, blobs *blob.Store) *App { return &App{db: db, blobs: blobs} }

// today is the date of the store's clock, the one every write uses, so that a document dated
// "today" carries the same date and file name whichever surface asked for it.
func (a *App) today() kinerja.Date { return kinerja.Today(a.db.Now()) }
