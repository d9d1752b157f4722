package domain

// IDLength is the length of identifiers (and of the session tokens Better
// Auth issues): 32 characters of [A-Za-z0-9], Better Auth's shape.
// authledger's identifiers start with 8 characters of their creation time
// and carry about 143 random bits (api/token.NewOrdered).
const IDLength = 32

// ValidID reports whether s has the shape of an authledger identifier.
func ValidID(s string) bool {
	if len(s) != IDLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Stream names for each aggregate kind.
const (
	PersonStreamPrefix  = "person-"
	SessionStreamPrefix = "session-"
	GroupStreamPrefix   = "group-"
)

// PersonStream returns the stream name of a person.
func PersonStream(id string) string { return PersonStreamPrefix + id }

// SessionStream returns the stream name of a session.
func SessionStream(id string) string { return SessionStreamPrefix + id }
