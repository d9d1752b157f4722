package group

// buildPmap returns the map of key(i) → val(i) for i < n, or the index of
// the first repeated key (dup ≥ 0) and no map. Each leaf is allocated once at
// its final size: restoring a snapshot of 10,000 members this way costs a
// fraction of 10,000 Sets, which copy or grow a leaf on every insert.
func buildPmap[V any](n int, key func(i int) string, val func(i int) V) (m pmap[V], dup int) {
	if n == 0 {
		return pmap[V]{}, -1
	}
	slots := make([]uint16, n)
	var counts [fanout][fanout]int32
	for i := range n {
		b, l := slot(key(i))
		slots[i] = uint16(b*fanout + l)
		counts[b][l]++
	}
	root := new([fanout]*[fanout][]entry[V])
	for b := range fanout {
		for l := range fanout {
			if counts[b][l] == 0 {
				continue
			}
			if root[b] == nil {
				root[b] = new([fanout][]entry[V])
			}
			root[b][l] = make([]entry[V], 0, counts[b][l])
		}
	}
	for i := range n {
		k := key(i)
		b, l := int(slots[i])/fanout, int(slots[i])%fanout
		leaf := root[b][l]
		for _, e := range leaf {
			if e.key == k {
				return pmap[V]{}, i
			}
		}
		root[b][l] = append(leaf, entry[V]{k, val(i)})
	}
	return pmap[V]{root: root, n: n}, -1
}
