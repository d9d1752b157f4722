package sessionindex

import "encoding/binary"

// chunkSize is the number of entries per slab chunk (about 600 KB).
const chunkSize = 4096

// table holds the live sessions by token hash. Entries live in fixed-size
// chunks (no allocation and no size-class rounding per session; freed
// places are reused), found through an open-addressing table of 4-byte
// slots with linear probing. It is hand-written because a Go map of
// [32]byte to *entry costs about 100 bytes a session on top of the entry,
// this about 8: what keeps a million sessions under 220 MB of heap. The
// keys are SHA-256 digests of server-made tokens, uniformly spread, so
// their first 8 bytes serve as the hash and no input can crowd a probe
// sequence. Callers hold the index's lock.
type table struct {
	chunks [][]entry
	free   []uint32 // freed entry numbers, reused first
	next   uint32   // entry numbers below next have been handed out
	n      int      // live entries
	slots  []uint32 // 0 empty, else entry number + 1
}

// at returns entry number i.
func (t *table) at(i uint32) *entry { return &t.chunks[i/chunkSize][i%chunkSize] }

// home is the first slot of h's probe sequence.
func (t *table) home(h *[32]byte) int {
	return int(binary.LittleEndian.Uint64(h[:8]) & uint64(len(t.slots)-1))
}

// find returns the number of the entry with token hash h.
func (t *table) find(h [32]byte) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := len(t.slots) - 1
	for i := t.home(&h); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if t.at(s-1).tokenHash == h {
			return s - 1, true
		}
	}
}

// add stores e, whose token hash must not be present, and returns its
// entry number.
func (t *table) add(e entry) uint32 {
	if (t.n+1)*4 > len(t.slots)*3 {
		t.grow()
	}
	var i uint32
	if k := len(t.free); k > 0 {
		i, t.free = t.free[k-1], t.free[:k-1]
	} else {
		if t.next%chunkSize == 0 {
			t.chunks = append(t.chunks, make([]entry, chunkSize))
		}
		i = t.next
		t.next++
	}
	*t.at(i) = e
	t.place(i)
	t.n++
	return i
}

// place puts entry i in the first empty slot of its probe sequence.
func (t *table) place(i uint32) {
	mask := len(t.slots) - 1
	p := t.home(&t.at(i).tokenHash)
	for t.slots[p] != 0 {
		p = (p + 1) & mask
	}
	t.slots[p] = i + 1
}

// grow doubles the slots (at least 1024) and places every live entry again.
func (t *table) grow() {
	old := t.slots
	t.slots = make([]uint32, max(1024, 2*len(old)))
	for _, s := range old {
		if s != 0 {
			t.place(s - 1)
		}
	}
}

// remove deletes entry i: its slot is emptied and the entries after it
// in the probe run shift back (no tombstones), and its place is freed.
func (t *table) remove(i uint32) {
	mask := len(t.slots) - 1
	hole := t.home(&t.at(i).tokenHash)
	for t.slots[hole] != i+1 {
		hole = (hole + 1) & mask
	}
	for j := (hole + 1) & mask; t.slots[j] != 0; j = (j + 1) & mask {
		// the entry at j may fill the hole when the hole lies between its
		// home and j, going round the table
		h := t.home(&t.at(t.slots[j] - 1).tokenHash)
		if (j-h)&mask >= (j-hole)&mask {
			t.slots[hole], hole = t.slots[j], j
		}
	}
	t.slots[hole] = 0
	*t.at(i) = entry{} // release its strings
	t.free = append(t.free, i)
	t.n--
}
