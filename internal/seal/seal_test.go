package seal

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	t.Parallel()
	k := RandomKey()
	short, err := k.Seal([]byte("a"), []byte("leader 1"))
	if err != nil {
		t.Fatal(err)
	}
	long, err := k.Seal(bytes.Repeat([]byte("x"), 16000), []byte("leader 1"))
	if err != nil {
		t.Fatal(err)
	}
	if len(short) != len(long) {
		t.Errorf("sealed lengths %d and %d differ: the length would tell the records apart", len(short), len(long))
	}
	if got, err := k.Open(short, []byte("leader 1")); err != nil || string(got) != "a" {
		t.Errorf("Open = %q, %v; want a", got, err)
	}
	if _, err := k.Open(short, []byte("leader 2")); err != ErrOpen {
		t.Errorf("Open with another context = %v; want ErrOpen", err)
	}
	if _, err := RandomKey().Open(short, []byte("leader 1")); err != ErrOpen {
		t.Errorf("Open with another key = %v; want ErrOpen", err)
	}
	short[len(short)-1] ^= 1
	if _, err := k.Open(short, []byte("leader 1")); err != ErrOpen {
		t.Errorf("Open of a damaged record = %v; want ErrOpen", err)
	}
	if _, err := k.Seal(make([]byte, RecordSize), nil); err == nil {
		t.Error("Seal of a record longer than RecordSize succeeded")
	}
}

func TestLoadOrCreate(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sub", "answer.key")
	k1, err := LoadOrCreate(path, "")
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file = %v, %v; want mode 0600", st, err)
	}
	k2, err := LoadOrCreate(path, "")
	if err != nil {
		t.Fatal(err)
	}
	sealed, _ := k1.Seal([]byte("jawaban"), nil)
	if got, err := k2.Open(sealed, nil); err != nil || string(got) != "jawaban" {
		t.Errorf("the key read back does not open what the new key sealed: %q, %v", got, err)
	}
	b, _ := os.ReadFile(path)
	k3, err := LoadOrCreate(filepath.Join(t.TempDir(), "unused"), strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := k3.Open(sealed, nil); err != nil || string(got) != "jawaban" {
		t.Errorf("the key from the environment does not open it: %q, %v", got, err)
	}
	if _, err := LoadOrCreate(path, "not base64!"); err == nil {
		t.Error("a malformed key in the environment was accepted")
	}
}
