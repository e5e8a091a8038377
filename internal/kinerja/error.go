// Package kinerja holds the domain of Kinerja: its types, enums, validation and pure rules.
// It imports nothing of the project and no outside library.
package kinerja

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Error codes shared by every layer. They are stable: the API exposes them.
const (
	EINVALID      = "invalid"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	ERATELIMITED  = "rate_limited"
	EINTERNAL     = "internal"
)

// Error is a domain error. Message is a sentence safe to show to a user (Bahasa Indonesia);
// Fields names the input fields at fault; Err is the cause, logged but never shown.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
	Err     error
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("kinerja %s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("kinerja %s: %s", e.Code, e.Message)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an invalid-input Error naming one field.
func FieldError(field, message string) *Error {
	return &Error{Code: EINVALID, Message: message, Fields: map[string]string{field: message}}
}

// ErrorCode returns the code of err: the Code of a wrapped *Error, EINTERNAL for any other
// error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of err that is safe to show.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return MsgInternal
}

// ErrorFields returns the field messages of err, or nil.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Validation collects field errors so a form can report all of them at once.
type Validation struct {
	fields map[string]string
}

// Add records a message for field unless one is already recorded.
func (v *Validation) Add(field, message string) {
	if v.fields == nil {
		v.fields = map[string]string{}
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = message
	}
}

// ID reads an optional positive id written as text, as a form or a query gives it: "" is nil,
// and anything but a positive whole number is recorded on field.
func (v *Validation) ID(field, s string) *int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		v.Add(field, MsgInvalidInput)
		return nil
	}
	return &id
}

// Date reads an optional YYYY-MM-DD date written as text: "" is the zero date, and anything
// else that is not a date is recorded on field.
func (v *Validation) Date(field, s string) Date {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		v.Add(field, MsgBadDate)
	}
	return d
}

// Err returns an EINVALID *Error carrying every recorded field, or nil when none was.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: MsgInvalidInput, Fields: v.fields}
}
