package projections

import "errors"

// Errors of the projections package; test them with errors.Is.
var (
	// ErrUnexpectedEvent: a record decoded into a Go type its projector did
	// not expect for the type name (a registry mistake).
	ErrUnexpectedEvent = errors.New("projections: unexpected event value")
	// ErrMissingRow: an event refers to a row that its projector never
	// created (for example a refresh of an unknown session). The projector
	// stops rather than silently dropping the change.
	ErrMissingRow = errors.New("projections: missing row")
	// ErrBadFields: the additional user fields are not a JSON object.
	ErrBadFields = errors.New("projections: additional fields are not a JSON object")
	// ErrProjectorFailed: a projector stopped at a failing event; WaitFor
	// returns it when that projector is needed, Rebuild when it failed
	// during the rebuild.
	ErrProjectorFailed = errors.New("projections: projector failed")
	// ErrRebuildRunning: Rebuild was called while another rebuild runs.
	ErrRebuildRunning = errors.New("projections: rebuild already running")
	// ErrDuplicateProjector: two projectors share a name.
	ErrDuplicateProjector = errors.New("projections: duplicate projector name")
)
