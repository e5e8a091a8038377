package api

import "testing"

func TestMegabytes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    int64
		want string
	}{
		{10 << 20, "10 MB"},
		{1 << 20, "1 MB"},
		{3 << 19, "1,5 MB"},
		{50 << 20, "50 MB"},
	}
	for _, tt := range tests {
		if got := megabytes(tt.n); got != tt.want {
			t.Errorf("megabytes(%d) = %q; want %q", tt.n, got, tt.want)
		}
	}
}
