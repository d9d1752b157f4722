package password

import (
	"math"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
)

// DefaultMinScore is the least zxcvbn score (0..4) Policy.Check accepts
// when Policy.MinScore is 0: 2 is "somewhat guessable", at least 10^6
// guesses.
const DefaultMinScore = 2

// maxEstimated bounds how many code points the estimate looks at: zxcvbn's
// matching grows faster than linearly, and characters past the first 100
// only add strength.
const maxEstimated = 100

// Estimate is a guessability estimate of a password.
type Estimate struct {
	// Score is zxcvbn's 0..4 (too guessable, very guessable, somewhat
	// guessable, safely unguessable, very unguessable).
	Score int
	// GuessesLog10 is the base-10 logarithm of the estimated number of
	// guesses an attacker needs.
	GuessesLog10 float64
}

// Strength estimates how guessable password is with zxcvbn (Dropbox's
// estimator, through the maintained Go port github.com/trustelem/zxcvbn):
// dictionaries, keyboard patterns, repeats, sequences, dates and l33t
// substitutions, and the context words (email local part, name words,
// ProductName) as a user dictionary. Character classes earn nothing by
// themselves. The hosted sign-up page's meter shows this same estimate
// (it asks the server), so the meter and the policy cannot disagree.
func Strength(password string, context ...string) Estimate {
	if n := utf8.RuneCountInString(password); n > maxEstimated {
		cut := 0
		for i := range password {
			if cut == maxEstimated {
				password = password[:i]
				break
			}
			cut++
		}
	}
	r := zxcvbn.PasswordStrength(password, ContextWords(context...))
	return Estimate{Score: r.Score, GuessesLog10: math.Round(math.Log10(math.Max(r.Guesses, 1))*100) / 100}
}
