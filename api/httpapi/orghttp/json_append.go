package orghttp

import (
	"encoding/json"
	"strconv"

	"github.com/authledger/authledger/api/jsonstr"
)

// The member lists (get-full-organization, list-members) are the
// organization plugin's largest answers: up to 100 members by default,
// each with its user. encoding/json spent a tenth of a cold
// get-full-organization on them by reflection; these append encoders
// write the same bytes (TestAppendMatchesEncodingJSON). The rest of an
// answer (the organization's own fields, its invitations) stays with
// encoding/json.

// appendJSON appends m as encoding/json writes memberJSON.
func (m memberJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"organizationId":`...)
	b = jsonstr.AppendJSON(b, m.OrganizationID)
	b = append(b, `,"userId":`...)
	b = jsonstr.AppendJSON(b, m.UserID)
	b = append(b, `,"role":`...)
	b = jsonstr.AppendJSON(b, m.Role)
	b = append(b, `,"createdAt":`...)
	b = jsonstr.AppendJSON(b, m.CreatedAt)
	b = append(b, `,"id":`...)
	b = jsonstr.AppendJSON(b, m.ID)
	if u := m.User; u != nil {
		b = append(b, `,"user":{"id":`...)
		b = jsonstr.AppendJSON(b, u.ID)
		b = append(b, `,"name":`...)
		b = jsonstr.AppendJSON(b, u.Name)
		b = append(b, `,"email":`...)
		b = jsonstr.AppendJSON(b, u.Email)
		b = append(b, `,"image":`...)
		if u.Image == nil {
			b = append(b, "null"...)
		} else {
			b = jsonstr.AppendJSON(b, *u.Image)
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

// appendMembers appends ms as a JSON array (null when nil, as
// encoding/json writes a nil slice).
func appendMembers(b []byte, ms []memberJSON) []byte {
	if ms == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, m := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		b = m.appendJSON(b)
	}
	return append(b, ']')
}

// encode returns the answer as encoding/json writes fullOrgJSON: the
// organization's keys, then invitations, then members.
func (f fullOrgJSON) encode() ([]byte, error) {
	head, err := json.Marshal(f.orgJSON)
	if err != nil {
		return nil, err
	}
	invitations, err := json.Marshal(f.Invitations)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(head)+len(invitations)+64+300*len(f.Members))
	b = append(b, head[:len(head)-1]...) // the object, open
	b = append(b, `,"invitations":`...)
	b = append(b, invitations...)
	b = append(b, `,"members":`...)
	b = appendMembers(b, f.Members)
	return append(b, '}'), nil
}

// encode returns the answer as encoding/json writes membersPage.
func (p membersPage) encode() []byte {
	b := make([]byte, 0, 64+300*len(p.Members))
	b = append(b, `{"members":`...)
	b = appendMembers(b, p.Members)
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, int64(p.Total), 10)
	return append(b, '}')
}
