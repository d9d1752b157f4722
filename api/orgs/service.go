package orgs

import (
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
)

// Service runs the organization use cases. Build one per process with New;
// it is safe for concurrent use.
type Service struct {
	app      *app.App
	sessions *sessions.Service
	cfg      Config
	decider  domain.Decider[group.State, group.Command]
	states   *eventstore.FoldCache[group.State]
	members  *memberCache
}

// New returns the organization use cases over a. users resolves the people
// joined into member lists (names, emails, images) from the session index.
func New(a *app.App, users *sessions.Service, cfg Config) *Service {
	cfg = cfg.Defaults()
	states := eventstore.NewFoldCache[group.State](cfg.StateCacheSize)
	if cfg.Snapshots != nil {
		states.Persist(eventstore.NewSnapshots(cfg.Snapshots, stateCodec{a.Codec}, cfg.SnapshotAfter, func(err error) {
			a.Logger.Warn("organization snapshot skipped", "err", err)
		}))
	}
	return &Service{app: a, sessions: users, cfg: cfg, decider: group.NewDecider(), states: states,
		members: newMemberCache(cfg.StateCacheSize)}
}

// Config returns the settings in force.
func (s *Service) Config() Config { return s.cfg }

// DropCachedStates forgets the cached organization states: after an
// erasure destroyed an invitee's key, invitation emails decoded before it
// must not be served from memory.
func (s *Service) DropCachedStates() { s.states.Clear() }
