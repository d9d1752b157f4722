package eventstore

// ExpectedVersion states what the writer believes about a stream's version.
// Values ≥ 1 mean "exactly this version".
type ExpectedVersion int64

const (
	// Any skips the version check.
	Any ExpectedVersion = -1
	// StreamExists requires at least one event in the stream.
	StreamExists ExpectedVersion = -2
	// NoStream requires the stream to have no events (version 0).
	NoStream ExpectedVersion = 0
)

// Exactly returns the expectation that the stream is at version v.
func Exactly(v uint64) ExpectedVersion { return ExpectedVersion(v) }

// Check reports whether a stream currently at version current satisfies e.
func (e ExpectedVersion) Check(current uint64) bool {
	switch {
	case e == Any:
		return true
	case e == StreamExists:
		return current > 0
	case e >= 0:
		return uint64(e) == current
	default:
		return false
	}
}
