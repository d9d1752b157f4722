package mailer

import (
	"regexp"
)

// redactedError is a send error whose text no longer names the recipient:
// SMTP servers often echo the address in their refusals ("550 5.1.1
// <ann@example.org>: user unknown"), and the subscriber logs the error,
// so without this an address would reach the logs, outside any key that
// erasure destroys. errors.Is and errors.As still see the original.
type redactedError struct {
	err  error
	text string
}

func (e redactedError) Error() string { return e.text }
func (e redactedError) Unwrap() error { return e.err }

// redactRecipient returns err with every occurrence of addr (any case)
// in its text replaced by "[recipient]".
func redactRecipient(err error, addr string) error {
	if err == nil || addr == "" {
		return err
	}
	re := regexp.MustCompile(`(?i)` + regexp.QuoteMeta(addr))
	text := err.Error()
	if !re.MatchString(text) {
		return err
	}
	return redactedError{err: err, text: re.ReplaceAllLiteralString(text, "[recipient]")}
}
