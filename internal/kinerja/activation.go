package kinerja

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ActivationTTL is how long a one-time activation code stays valid after it is issued.
const ActivationTTL = 14 * 24 * time.Hour

// activationAlphabet is the alphabet of activation codes: upper-case letters and digits
// without the ones people confuse when they copy a printed code (0/O, 1/I/L).
const activationAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// activationCodeLength is the number of characters of a code: 12 of 31 give 59 bits, and
// guessing is throttled like login.
const activationCodeLength = 12

// NewActivationCode returns a fresh random code, grouped in fours for reading: "ABCD-EFGH-JKMN".
func NewActivationCode() string {
	b := make([]byte, activationCodeLength)
	for i := range b {
		b[i] = activationAlphabet[randIndex(len(activationAlphabet))]
	}
	return string(b[0:4]) + "-" + string(b[4:8]) + "-" + string(b[8:12])
}

// randIndex returns a uniform random number in [0, n) for n < 256.
func randIndex(n int) int {
	limit := 256 - 256%n
	var b [1]byte
	for {
		_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
		if int(b[0]) < limit {
			return int(b[0]) % n
		}
	}
}

// NormalizeActivationCode returns the canonical form of a typed code: upper-case, without
// spaces and dashes.
func NormalizeActivationCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '-' || unicode.IsSpace(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// HashActivationCode returns what is stored of a code: a SHA-256 of the account and the
// normalised code. The code itself is shown once and never stored.
func HashActivationCode(userID int64, code string) string {
	s := sha256.Sum256([]byte(strconv.FormatInt(userID, 10) + ":" + NormalizeActivationCode(code)))
	return hex.EncodeToString(s[:])
}

// Activation is a person's first login: the username and code from the printed list and the
// password they choose.
type Activation struct {
	Username string `json:"username"`
	Code     string `json:"code"`
	Password string `json:"password"`
	// Address is the client's network address, which throttling counts; never from the body.
	Address string `json:"-"`
}

// Validate normalises and checks an activation.
func (a *Activation) Validate() error {
	a.Username = NormalizeUsername(a.Username)
	var v Validation
	if a.Username == "" {
		v.Add("username", MsgUsernameRequired)
	}
	if strings.TrimSpace(a.Code) == "" {
		v.Add("code", MsgActivationCodeRequired)
	}
	if err := ValidatePassword(a.Password); err != nil {
		v.Add("password", ErrorMessage(err))
	}
	return v.Err()
}

// IssuedActivation is an account made for an employee with its one-time code. The code is
// only in this value, which is shown once.
type IssuedActivation struct {
	UserID     int64     `json:"user_id"`
	EmployeeID int64     `json:"employee_id"`
	Name       string    `json:"name"`
	NIP        string    `json:"nip"`
	UnitName   string    `json:"unit_name"`
	Username   string    `json:"username"`
	Code       string    `json:"code"`
	ExpiresAt  time.Time `json:"expires_at"`
}

// UsernameFromName returns the username an account for a person named name starts from:
// the name without academic degrees (after the first comma) or titles (words ending in a
// dot), lower-case ASCII, first and last word joined by a dot, e.g. "Drs. H. Ahmad Fauzi,
// M.Si." → "ahmad.fauzi". A name that gives fewer than three characters gives "pegawai".
func UsernameFromName(name string) string {
	if i := strings.IndexByte(name, ','); i >= 0 {
		name = name[:i]
	}
	var words []string
	for _, w := range strings.Fields(name) {
		if strings.HasSuffix(w, ".") {
			continue
		}
		var b strings.Builder
		for _, r := range strings.ToLower(foldASCII(w)) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		if b.Len() > 0 {
			words = append(words, b.String())
		}
	}
	u := ""
	switch len(words) {
	case 0:
	case 1:
		u = words[0]
	default:
		u = words[0] + "." + words[len(words)-1]
	}
	if len(u) > 56 {
		u = u[:56]
	}
	if len(u) < 3 {
		return "pegawai"
	}
	return u
}

// foldASCII replaces the accented Latin letters found in names by their base letters.
func foldASCII(s string) string {
	r := strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "á", "a", "à", "a", "â", "a", "ä", "a",
		"í", "i", "ï", "i", "ó", "o", "ö", "o", "ô", "o", "ú", "u", "ü", "u", "ñ", "n", "ç", "c",
		"É", "E", "Á", "A", "Ó", "O", "Ú", "U", "Í", "I")
	return r.Replace(s)
}

// UniqueUsername returns base when it is free, else base followed by the smallest number
// from 2 that is free. taken reports whether a username is in use.
func UniqueUsername(base string, taken func(string) bool) string {
	if !taken(base) {
		return base
	}
	for n := 2; ; n++ {
		u := base + strconv.Itoa(n)
		if !taken(u) {
			return u
		}
	}
}

// AccountCandidate is an active employee without an account, as the admin picks them.
type AccountCandidate struct {
	EmployeeID int64  `json:"employee_id"`
	Name       string `json:"name"`
	NIP        string `json:"nip"`
	UnitID     int64  `json:"unit_id"`
	UnitName   string `json:"unit_name"`
}
