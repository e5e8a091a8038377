package httperr_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"kinerja/internal/httperr"
)

func TestClientClosed(t *testing.T) {
	t.Parallel()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	tests := []struct {
		name string
		ctx  context.Context
		want bool
	}{
		{"live", context.Background(), false},
		{"cancelled by the client", cancelled, true},
		{"past a deadline of the server", expired, false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil).WithContext(tt.ctx)
		if got := httperr.ClientClosed(r); got != tt.want {
			t.Errorf("ClientClosed(%s) = %v; want %v", tt.name, got, tt.want)
		}
	}
}
