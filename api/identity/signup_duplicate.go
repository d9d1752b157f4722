package identity

import (
	"strings"

	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
)

// duplicate answers a sign-up for an address someone already has, whose
// append failed on the address's claim (after the password was hashed, as
// for a real sign-up). Without required verification that is
// USER_ALREADY_EXISTS; with it, Better Auth's generic answer: a made-up
// user and no session. The timing then matches a real sign-up's (the hash
// and an append), so the answer does not tell whether the address has an
// account. Nothing is appended.
func (s *Service) duplicate(in SignUpInput, addr string, fields map[string]any) (SignedIn, error) {
	if v := s.cfg.Verification; v == nil || !v.Required() {
		return SignedIn{}, domain.ErrUserAlreadyExists
	}
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return SignedIn{}, err
	}
	role, _ := fields["role"].(string)
	if role == "" {
		role = "user"
	}
	now := s.app.Now()
	u := &sessionindex.User{ID: ids[0], Name: strings.TrimSpace(in.Name), Email: addr, Image: in.Image, Role: role,
		Fields: withoutRole(fields), CreatedAt: now, UpdatedAt: now}
	return SignedIn{PersonID: ids[0], Synthetic: u}, nil
}
