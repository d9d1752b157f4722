package domain

import "errors"

// Code is a stable, machine-readable error code. Codes are part of the wire
// contract (Better Auth's `code` field) and never change once published.
type Code string

// Error codes shared by the domain, the stores and the API. The API maps each
// code to an HTTP status in exactly one place (api/errors.go).
const (
	CodeValidation         Code = "VALIDATION_ERROR"
	CodeBadRequest         Code = "BAD_REQUEST"
	CodeUserAlreadyExists  Code = "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"
	CodeInvalidCredentials Code = "INVALID_EMAIL_OR_PASSWORD"
	CodeInvalidPassword    Code = "INVALID_PASSWORD"
	CodePasswordTooShort   Code = "PASSWORD_TOO_SHORT"
	CodePasswordTooLong    Code = "PASSWORD_TOO_LONG"
	CodePasswordTooCommon  Code = "PASSWORD_TOO_COMMON"
	CodePasswordContext    Code = "PASSWORD_CONTAINS_PERSONAL_INFO"
	CodeInvalidEmail       Code = "INVALID_EMAIL"
	CodeEmailCannotUpdate  Code = "EMAIL_CAN_NOT_BE_UPDATED"
	CodeFieldNotAllowed    Code = "FIELD_NOT_ALLOWED"
	CodeUnauthorized       Code = "UNAUTHORIZED"
	CodeSessionNotFound    Code = "SESSION_NOT_FOUND"
	CodeSessionExpired     Code = "SESSION_EXPIRED"
	CodeNotFound           Code = "NOT_FOUND"
	CodeForbidden          Code = "FORBIDDEN"
	CodeConflict           Code = "CONFLICT"
	CodeAccountLocked      Code = "ACCOUNT_LOCKED"
	CodeBanned             Code = "BANNED_USER"
	CodeUnavailable        Code = "SERVICE_UNAVAILABLE"
	CodeInternal           Code = "INTERNAL_SERVER_ERROR"
)

// Error is a domain error carrying a Code and a human message. Compare with
// errors.Is: two Errors match when their codes are equal.
type Error struct {
	Code    Code
	Message string
}

// Error implements error.
func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// Is reports whether target is an *Error with the same code.
func (e *Error) Is(target error) bool {
	var t *Error
	if errors.As(target, &t) {
		return t.Code == e.Code
	}
	return false
}

// Errorf builds an *Error with the given code and message.
func Errorf(code Code, message string) *Error { return &Error{Code: code, Message: message} }

// CodeOf returns the code of the first *Error in err's chain, or CodeInternal.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// Sentinel errors for the common domain outcomes.
var (
	ErrUserAlreadyExists  = Errorf(CodeUserAlreadyExists, "User already exists. Use another email.")
	ErrInvalidCredentials = Errorf(CodeInvalidCredentials, "Invalid email or password")
	ErrInvalidPassword    = Errorf(CodeInvalidPassword, "Invalid password")
	ErrPasswordTooShort   = Errorf(CodePasswordTooShort, "Password too short")
	ErrPasswordTooLong    = Errorf(CodePasswordTooLong, "Password too long")
	ErrPasswordTooCommon  = Errorf(CodePasswordTooCommon, "Password is too common")
	ErrPasswordContext    = Errorf(CodePasswordContext, "Password must not contain your email or name")
	ErrInvalidEmail       = Errorf(CodeInvalidEmail, "Invalid email address")
	ErrEmailCannotUpdate  = Errorf(CodeEmailCannotUpdate, "Email can not be updated")
	ErrSessionNotFound    = Errorf(CodeSessionNotFound, "Session not found")
	ErrSessionExpired     = Errorf(CodeSessionExpired, "Session expired")
	ErrNotFound           = Errorf(CodeNotFound, "Not found")
	ErrForbidden          = Errorf(CodeForbidden, "Forbidden")
	ErrUnauthorized       = Errorf(CodeUnauthorized, "Unauthorized")
	ErrUnavailable        = Errorf(CodeUnavailable, "Service temporarily unavailable")
)
