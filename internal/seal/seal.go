// Package seal encrypts small records with a key kept outside the database, so that whoever
// reads the database or its backups cannot read them. Kinerja seals anonymous answers while
// they wait for their batch (see docs/model-ancaman.md).
//
// Every sealed record has the same length whatever its content: a record's size must not tell
// which published answer it became.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// KeySize is the length of a key in bytes (AES-256).
const KeySize = 32

// RecordSize is the plaintext length every record is padded to; longer records are refused.
const RecordSize = 20 << 10

// ErrOpen says that a sealed record could not be opened: a different key, or a damaged record.
var ErrOpen = errors.New("seal: cannot open record (wrong key or damaged)")

// Key seals and opens records.
type Key struct {
	aead cipher.AEAD
}

// NewKey returns a Key for raw, which must be KeySize bytes.
func NewKey(raw []byte) (*Key, error) {
	if len(raw) != KeySize {
		return nil, fmt.Errorf("seal: key must be %d bytes, not %d", KeySize, len(raw))
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return &Key{aead: aead}, nil
}

// RandomKey returns a new random key.
func RandomKey() *Key {
	k, err := NewKey(randomBytes(KeySize))
	if err != nil {
		panic(err) // cannot happen: the length is right
	}
	return k
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// Seal encrypts record, bound to context (which Open must be given again: it keeps a record
// from being moved to another subject), into nonce‖ciphertext of a fixed length.
func (k *Key) Seal(record, context []byte) ([]byte, error) {
	if len(record) > RecordSize-4 {
		return nil, fmt.Errorf("seal: record of %d bytes is too long", len(record))
	}
	plain := make([]byte, RecordSize)
	binary.BigEndian.PutUint32(plain, uint32(len(record)))
	copy(plain[4:], record)
	nonce := randomBytes(k.aead.NonceSize())
	return k.aead.Seal(nonce, nonce, plain, context), nil
}

// Open decrypts what Seal returned for the same context.
func (k *Key) Open(sealed, context []byte) ([]byte, error) {
	n := k.aead.NonceSize()
	if len(sealed) < n {
		return nil, ErrOpen
	}
	plain, err := k.aead.Open(nil, sealed[:n], sealed[n:], context)
	if err != nil || len(plain) < 4 {
		return nil, ErrOpen
	}
	size := binary.BigEndian.Uint32(plain)
	if int(size) > len(plain)-4 {
		return nil, ErrOpen
	}
	return plain[4 : 4+size], nil
}

// LoadOrCreate reads the key in file path (base64, one line), creating the file with a new
// random key, readable by its owner only, when it does not exist. A key given in env (base64)
// wins over the file, for servers that share one database.
func LoadOrCreate(path, env string) (*Key, error) {
	if env != "" {
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(env))
		if err != nil {
			return nil, fmt.Errorf("seal: the key given in the environment is not base64: %w", err)
		}
		return NewKey(raw)
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		raw := randomBytes(KeySize)
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("seal: %w", err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return LoadOrCreate(path, "") // another process created it meanwhile
		}
		if err != nil {
			return nil, fmt.Errorf("seal: %w", err)
		}
		if _, err := f.WriteString(base64.StdEncoding.EncodeToString(raw) + "\n"); err != nil {
			f.Close()
			return nil, fmt.Errorf("seal: %w", err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, fmt.Errorf("seal: %w", err)
		}
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("seal: %w", err)
		}
		return NewKey(raw)
	}
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("seal: key file %s is not base64: %w", path, err)
	}
	return NewKey(raw)
}
