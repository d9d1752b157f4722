package app

// CodeAttempts bounds RetryCode.
const CodeAttempts = 16

// RetryCode is Retry with more attempts, for commands that check a
// submitted code or assertion (two-factor codes, passkey sign-in): every
// attempt appends (a refusal is an event too) under the stream's expected
// version, so concurrent guesses are counted exactly; each round has a
// winner, so 16 attempts settle 16 concurrent requests without a spurious
// conflict.
func (a *App) RetryCode(attempt func() error) error {
	p := *a.Pipeline
	p.Attempts = CodeAttempts
	return p.Retry(attempt)
}
