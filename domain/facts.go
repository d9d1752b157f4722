package domain

// Facts are what the audit surfaces need to know of one stored event type,
// declared next to the event's definition (each aggregate package's
// Facts(), gathered by catalog.Facts): whom it is about, whether it
// records a failure, its name in the OWASP Logging Vocabulary, and which
// fields are personal data. The events projection, the audit export and
// the exhaustiveness tests all read this one table.
type Facts struct {
	// Event is the zero value of the type.
	Event Event
	// Subject returns the id of the person the event is about, "" when it
	// is about nobody in particular. Nil means "".
	Subject func(Event) string
	// Group returns the id of the organization the event is about, if any.
	Group func(Event) string
	// Failure marks events that record a refused or failed action.
	Failure bool
	// OWASP is the event's name in the OWASP Logging Vocabulary. Where
	// the vocabulary has no word (second factors, passkeys) the name follows
	// its style with an authn_mfa_ or authn_passkey_ prefix.
	OWASP string
	// PII lists the JSON names of the fields sealed with the subject's key
	// (tagged pii:"true"); catalog.Facts fills it from the struct tags.
	PII []string
}

// Type is the stored type name.
func (f Facts) Type() string { return f.Event.EventType() }

// SubjectOf returns e's subject, "" when Subject is nil.
func (f Facts) SubjectOf(e Event) string {
	if f.Subject == nil {
		return ""
	}
	return f.Subject(e)
}

// GroupOf returns e's organization, "" when Group is nil.
func (f Facts) GroupOf(e Event) string {
	if f.Group == nil {
		return ""
	}
	return f.Group(e)
}

// By adapts a typed accessor to a Subject or Group function; an event of
// another type gives "".
func By[E Event](get func(E) string) func(Event) string {
	return func(ev Event) string {
		e, ok := ev.(E)
		if !ok {
			return ""
		}
		return get(e)
	}
}
