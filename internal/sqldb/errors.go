package sqldb

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"

	"kinerja/internal/kinerja"
)

// Driver error codes, matched by number never by message text.
const (
	sqliteConstraintUnique     = 2067
	sqliteConstraintPrimaryKey = 1555
	sqliteConstraintForeignKey = 787
	sqliteConstraintCheck      = 275
	sqliteConstraintNotNull    = 1299

	pgUniqueViolation     = "23505"
	pgForeignKeyViolation = "23503"
	pgCheckViolation      = "23514"
	pgNotNullViolation    = "23502"
)

// mapError turns driver errors into domain errors; a *kinerja.Error passes through.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var kerr *kinerja.Error
	if errors.As(err, &kerr) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &kinerja.Error{Code: kinerja.ENOTFOUND, Message: kinerja.MsgNotFound, Err: err}
	}
	var serr *sqlite.Error
	if errors.As(err, &serr) {
		switch serr.Code() {
		case sqliteConstraintUnique, sqliteConstraintPrimaryKey:
			return &kinerja.Error{Code: kinerja.ECONFLICT, Message: "Data yang sama sudah ada.", Err: err}
		case sqliteConstraintForeignKey, sqliteConstraintCheck, sqliteConstraintNotNull:
			return &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgInvalidInput, Err: err}
		}
	}
	var perr *pgconn.PgError
	if errors.As(err, &perr) {
		switch perr.Code {
		case pgUniqueViolation:
			return &kinerja.Error{Code: kinerja.ECONFLICT, Message: "Data yang sama sudah ada.", Err: err}
		case pgForeignKeyViolation, pgCheckViolation, pgNotNullViolation:
			return &kinerja.Error{Code: kinerja.EINVALID, Message: kinerja.MsgInvalidInput, Err: err}
		}
	}
	return &kinerja.Error{Code: kinerja.EINTERNAL, Message: kinerja.MsgInternal, Err: fmt.Errorf("sqldb: %w", err)}
}
