//go:build race

package email

// raceEnabled skips the exhaustive sweep under -race, where it takes ~60 s.
const raceEnabled = true
