package projections

// sqliteReadStores lists the SQLite ontology adapter once it exists.
func sqliteReadStores() []readStore { return nil }
