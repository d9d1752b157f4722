package main

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/registry"
	"github.com/authledger/authledger/projections/benchload"
)

// storeFixture writes total events of the rebuild workload
// (projections/benchload, the one of the projections package's rebuild
// benchmark) to es, sealed under the key-encryption key derived from
// secret (as the binary derives it).
func storeFixture(ctx context.Context, es eventstore.Store, secret string, total int) error {
	codec := eventstore.NewCodec(registry.New(), eventstore.NewKeyring(es.Keys(), eventstore.DeriveKEK([]byte(secret))))
	return benchload.Write(ctx, es, codec, total)
}

// storeFixturePeople is how many people the workload signs up first.
const storeFixturePeople = benchload.People

// storeUA is a browser's user agent for the harness's own rows.
const storeUA = "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0"

// storeID is a fixed-width id (32 characters) with a prefix.
func storeID(prefix string, n int) string { return fmt.Sprintf("%s%0*d", prefix, 32-len(prefix), n) }

// storeFixtureAppend is the events per Append call of the harness's own
// fixtures.
const storeFixtureAppend = 1_000
