package chain

// EditMem lets the tests tamper with a MemStore's rows directly.
func EditMem(m *MemStore, edit func(links []Link, cps []Checkpoint) ([]Link, []Checkpoint)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.links, m.cps = edit(m.links, m.cps)
}
