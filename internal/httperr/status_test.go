package httperr_test

import (
	"errors"
	"fmt"
	"testing"

	"kinerja/internal/httperr"
	"kinerja/internal/kinerja"
)

func TestStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want int
	}{
		{kinerja.FieldError("nip", kinerja.MsgInvalidInput), 422},
		{kinerja.Errorf(kinerja.EUNAUTHORIZED, kinerja.MsgUnauthorized), 401},
		{kinerja.Errorf(kinerja.EFORBIDDEN, kinerja.MsgForbidden), 403},
		{kinerja.Errorf(kinerja.ENOTFOUND, kinerja.MsgNotFound), 404},
		{kinerja.Errorf(kinerja.ECONFLICT, kinerja.MsgUsernameTaken), 409},
		{kinerja.Errorf(kinerja.ERATELIMITED, kinerja.MsgLoginThrottled), 429},
		{kinerja.Errorf(kinerja.EINTERNAL, kinerja.MsgInternal), 500},
		{fmt.Errorf("update skp: %w", kinerja.Errorf(kinerja.ECONFLICT, kinerja.MsgSKPNotCurrent)), 409},
		{errors.New("disk full"), 500},
	}
	for _, tt := range tests {
		if got := httperr.Status(tt.err); got != tt.want {
			t.Errorf("Status(%v) = %d; want %d", tt.err, got, tt.want)
		}
	}
}
