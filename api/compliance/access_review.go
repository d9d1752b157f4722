package compliance

import (
	"context"
	"encoding/json"
	"io"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
)

// AccessReviewInput asks who could sign in and who held which role at a
// bound: every person (Organization "") or the members of one
// organization (its id or, as of the bound, its slug).
type AccessReviewInput struct {
	Reader       Reader
	At           Bound
	Organization string
	// Progress, when set, is called with the records folded so far and
	// the records up to the bound.
	Progress func(done, total uint64)
}

// AccessRow is one line of an access review: a person's membership of
// one organization (or, for a person in none, the person alone) as it
// stood at the bound.
type AccessRow struct {
	PersonID string `json:"personId"`
	// Erased: the person was erased by then, or their data key is gone
	// since; Email is then empty.
	Erased           bool       `json:"erased"`
	Email            string     `json:"email,omitempty"`
	OrganizationID   string     `json:"organizationId,omitempty"`
	OrganizationSlug string     `json:"organizationSlug,omitempty"`
	Role             string     `json:"role,omitempty"`
	GrantedBy        string     `json:"grantedBy,omitempty"` // person id of who granted the role
	GrantedAt        *time.Time `json:"grantedAt,omitempty"`
	Banned           bool       `json:"banned"`
	TwoFactor        bool       `json:"twoFactor"`
	Passkeys         int        `json:"passkeys"`
	ActiveSessions   int        `json:"activeSessions"`
	LastSignInAt     *time.Time `json:"lastSignInAt,omitempty"`
	// CanSignIn: not erased, not banned then, and holding a credential
	// (password, external account or passkey).
	CanSignIn bool `json:"canSignIn"`
}

// AccessReview is the report: the bound resolved to the last record
// within it and its time, and the rows ordered by person then
// organization.
type AccessReview struct {
	AsOf     time.Time           `json:"asOf"`
	Position eventstore.Position `json:"position"`
	Records  uint64              `json:"records"`
	Rows     []AccessRow         `json:"rows"`
}

// AccessReviewHeader is the CSV column order.
var AccessReviewHeader = []string{"personId", "erased", "email", "organizationId", "organizationSlug", "role",
	"grantedBy", "grantedAt", "banned", "twoFactor", "passkeys", "activeSessions", "lastSignInAt", "canSignIn"}

// CodeOrganizationNotFound: the review names an organization that did not
// exist at the bound (the organization plugin's code, answered 400 like
// Better Auth's).
const CodeOrganizationNotFound domain.Code = "ORGANIZATION_NOT_FOUND"

// AccessReview records the read (it reveals emails) and folds the whole
// log up to the bound.
func (s *Service) AccessReview(ctx context.Context, in AccessReviewInput) (AccessReview, error) {
	if in.Organization != "" && !domain.ValidID(in.Organization) && !validSlug(in.Organization) {
		return AccessReview{}, domain.Errorf(domain.CodeValidation, "organization must be an organization id or slug")
	}
	q := url.Values{"as_of": {in.At.String()}}
	if in.Organization != "" {
		q.Set("organization", in.Organization)
	}
	if err := s.recordRead(ctx, in.Reader, q.Encode(), true); err != nil {
		return AccessReview{}, err
	}
	log, err := s.bounded(ctx, in.At)
	if err != nil {
		return AccessReview{}, err
	}
	f, asOf, err := s.foldAccess(ctx, log, in.Progress)
	if err != nil {
		return AccessReview{}, err
	}
	until, total := log.result()
	if b, ok := in.At.timeBound(); ok {
		asOf = b
	}
	rows, err := f.rows(asOf, in.Organization)
	return AccessReview{AsOf: asOf, Position: until, Records: total, Rows: rows}, err
}

// validSlug reports whether s is a slug as organizations store it.
func validSlug(s string) bool {
	c, err := group.CanonicalSlug(s)
	return err == nil && c == s
}

// timeBound returns the bound's time when it is one.
func (b Bound) timeBound() (time.Time, bool) { return b.at, b.byTime }

// foldAccess folds the bounded log and returns the fold and the last
// record's commit time. progress gets the records done and the head's Lo
// word, raised to done when it is less (see Replay).
func (s *Service) foldAccess(ctx context.Context, log *boundedStore, progress func(done, total uint64)) (*accessFold, time.Time, error) {
	f := newAccessFold()
	total := log.head.Lo
	var after eventstore.Position
	var done uint64
	var last time.Time
	for {
		recs, err := log.ReadAll(ctx, after, 2000)
		if err != nil || len(recs) == 0 {
			return f, last, err
		}
		for _, r := range recs {
			ev, _, err := s.app.Codec.Decode(ctx, r)
			if err != nil {
				return nil, last, err
			}
			f.apply(r.Stream, ev)
			after, last, done = r.Position, r.RecordedAt, done+1
		}
		if progress != nil {
			progress(done, max(total, done))
		}
	}
}

// rows builds the report's rows at asOf, for one organization or all.
func (f *accessFold) rows(asOf time.Time, org string) ([]AccessRow, error) {
	var groups []group.State
	for _, g := range f.groups {
		if g.Active() && (org == "" || g.ID == org || g.Slug == org) {
			groups = append(groups, g)
		}
	}
	if org != "" && len(groups) == 0 {
		return nil, domain.Errorf(CodeOrganizationNotFound, "no such organization at that point")
	}
	out := []AccessRow{}
	member := map[string]bool{}
	for _, g := range groups {
		for _, m := range g.Members() {
			r := f.personRow(m.PersonID, asOf)
			r.OrganizationID, r.OrganizationSlug, r.Role = g.ID, g.Slug, m.Role
			if gr, ok := f.grants[g.ID+"/"+m.ID]; ok {
				at := gr.at.UTC()
				r.GrantedBy, r.GrantedAt = gr.by, &at
			}
			out, member[m.PersonID] = append(out, r), true
		}
	}
	if org == "" {
		for stream, p := range f.people {
			if id := stream[len(domain.PersonStreamPrefix):]; !member[id] && (p.Exists || p.Erased) {
				out = append(out, f.personRow(id, asOf))
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].PersonID != out[j].PersonID {
			return out[i].PersonID < out[j].PersonID
		}
		return out[i].OrganizationID < out[j].OrganizationID
	})
	return out, nil
}

// personRow is the person part of a row at asOf.
func (f *accessFold) personRow(id string, asOf time.Time) AccessRow {
	p := f.people[domain.PersonStream(id)]
	r := AccessRow{PersonID: id, Email: p.Email, Erased: p.Erased || (p.Exists && p.Email == "")}
	if r.Erased {
		r.Email = ""
	}
	r.TwoFactor = f.twoFactor[twofactor.Stream(id)].Enabled
	r.Passkeys = len(f.passkeys[authenticator.StreamPrefix+id].Passkeys)
	for _, s := range f.sessions {
		if s.PersonID == id && s.ActiveAt(asOf) {
			r.ActiveSessions++
		}
	}
	if t, ok := f.lastSignIn[id]; ok {
		t = t.UTC()
		r.LastSignInAt = &t
	}
	credential := p.CredentialAccountID != "" || len(p.Accounts) > 0 || r.Passkeys > 0
	r.Banned = p.BannedAt(asOf)
	r.CanSignIn = p.Exists && !p.Erased && !r.Banned && credential
	return r
}

// CSV returns the row in AccessReviewHeader order.
func (r AccessRow) CSV() []string {
	t := func(p *time.Time) string {
		if p == nil {
			return ""
		}
		return p.UTC().Format(time.RFC3339Nano)
	}
	return []string{r.PersonID, strconv.FormatBool(r.Erased), r.Email, r.OrganizationID, r.OrganizationSlug, r.Role,
		r.GrantedBy, t(r.GrantedAt), strconv.FormatBool(r.Banned), strconv.FormatBool(r.TwoFactor), strconv.Itoa(r.Passkeys),
		strconv.Itoa(r.ActiveSessions), t(r.LastSignInAt), strconv.FormatBool(r.CanSignIn)}
}

// WriteAccessReview writes the report as csv (header, then rows; every
// cell neutralized against CSV injection like the audit export), ndjson
// (one row per line) or json (the whole report).
func WriteAccessReview(w io.Writer, rep AccessReview, format Format) error {
	switch format {
	case FormatCSV:
		cw := newCSVWriter(w)
		_ = cw.Write(AccessReviewHeader)
		for _, r := range rep.Rows {
			_ = cw.Write(r.CSV())
		}
		cw.Flush()
		return cw.Error()
	case FormatNDJSON:
		enc := json.NewEncoder(w)
		for _, r := range rep.Rows {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	case FormatJSON, "":
		return json.NewEncoder(w).Encode(rep)
	}
	return domain.Errorf(domain.CodeValidation, "format must be csv, ndjson or json")
}
