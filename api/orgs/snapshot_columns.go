package orgs

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/authledger/authledger/domain/group"
)

// memberColumns are an organization's members packed in a few CBOR
// items. Hand-packed rather than one CBOR item per field: decoding 10,000
// members as 60,000 items (each string allocated, each item dispatched by
// reflection) took most of a cold load; these columns decode with one
// string allocation and varint reads.
type memberColumns struct {
	_     struct{} `cbor:",toarray"`
	Count int
	// Text holds each member's ID, person ID and invitation ID, in that
	// order, concatenated; Lengths their byte lengths as uvarints.
	Text    string
	Lengths []byte
	// Roles are the distinct roles; RoleIndex a uvarint index per member.
	Roles     []string
	RoleIndex []byte
	// Times holds per member, as varints, JoinedAt minus the previous
	// member's JoinedAt (the first's minus 0) and UpdatedAt minus JoinedAt,
	// in toNanos form with wrapping arithmetic (exact for any value).
	Times []byte
}

// packMembers packs ms (in order) into columns.
func packMembers(ms []group.Member) (memberColumns, error) {
	c := memberColumns{Count: len(ms)}
	var text strings.Builder
	roles := map[string]uint64{}
	var prev int64
	for _, m := range ms {
		joined, err1 := toNanos(m.JoinedAt)
		updated, err2 := toNanos(m.UpdatedAt)
		if err1 != nil || err2 != nil {
			return memberColumns{}, fmt.Errorf("orgs: member %s: %v %v", m.ID, err1, err2)
		}
		for _, s := range []string{m.ID, m.PersonID, m.InvitationID} {
			text.WriteString(s)
			c.Lengths = binary.AppendUvarint(c.Lengths, uint64(len(s)))
		}
		idx, ok := roles[m.Role]
		if !ok {
			idx = uint64(len(c.Roles))
			roles[m.Role] = idx
			c.Roles = append(c.Roles, m.Role)
		}
		c.RoleIndex = binary.AppendUvarint(c.RoleIndex, idx)
		c.Times = binary.AppendVarint(c.Times, joined-prev)
		c.Times = binary.AppendVarint(c.Times, updated-joined)
		prev = joined
	}
	c.Text = text.String()
	return c, nil
}

// columnReader reads the varint columns, remembering the first error.
type columnReader struct {
	lengths, roleIndex, times []byte
	text                      string
	err                       error
}

func (r *columnReader) uvarint(b *[]byte) uint64 {
	v, n := binary.Uvarint(*b)
	if n <= 0 {
		r.err = fmt.Errorf("%w: a member column ends early", errSnapshot)
		return 0
	}
	*b = (*b)[n:]
	return v
}

func (r *columnReader) varint() int64 {
	v, n := binary.Varint(r.times)
	if n <= 0 {
		r.err = fmt.Errorf("%w: the time column ends early", errSnapshot)
		return 0
	}
	r.times = r.times[n:]
	return v
}

// str returns the next string of Text (a substring: no allocation).
func (r *columnReader) str() string {
	n := r.uvarint(&r.lengths)
	if n > uint64(len(r.text)) {
		r.err = fmt.Errorf("%w: the text column ends early", errSnapshot)
		return ""
	}
	s := r.text[:n]
	r.text = r.text[n:]
	return s
}

// unpack returns the members of c; every column must be read exactly.
func (c memberColumns) unpack() ([]group.Member, error) {
	// Each member takes at least three bytes of Lengths: a forged count
	// cannot allocate more than the snapshot's size.
	if c.Count < 0 || c.Count > len(c.Lengths)/3 {
		return nil, fmt.Errorf("%w: %d members in %d bytes of lengths", errSnapshot, c.Count, len(c.Lengths))
	}
	r := &columnReader{lengths: c.Lengths, roleIndex: c.RoleIndex, times: c.Times, text: c.Text}
	out := make([]group.Member, c.Count)
	var joined int64
	for i := range out {
		m := &out[i]
		m.ID, m.PersonID, m.InvitationID = r.str(), r.str(), r.str()
		if idx := r.uvarint(&r.roleIndex); idx < uint64(len(c.Roles)) {
			m.Role = c.Roles[idx]
		} else if r.err == nil {
			r.err = fmt.Errorf("%w: role %d of %d", errSnapshot, idx, len(c.Roles))
		}
		joined += r.varint()
		m.JoinedAt, m.UpdatedAt = fromNanos(joined), fromNanos(joined+r.varint())
		if r.err != nil {
			return nil, r.err
		}
	}
	if len(r.text)+len(r.lengths)+len(r.roleIndex)+len(r.times) != 0 {
		return nil, fmt.Errorf("%w: member columns longer than %d members", errSnapshot, c.Count)
	}
	return out, nil
}
