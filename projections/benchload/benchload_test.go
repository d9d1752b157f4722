package benchload_test

import (
	"context"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	"github.com/authledger/authledger/projections/benchload"
)

// TestWrite: the workload writes exactly the events asked for, every one
// decodes, the people sign up first, and two runs write the same log.
func TestWrite(t *testing.T) {
	ctx := context.Background()
	const total = benchload.People*3 + 2_500 // the sign-ups and some cycles
	var runs [2][]string
	for i := range runs {
		s := memory.New()
		codec := eventstore.NewCodec(registry.New(), eventstore.NewKeyring(s.Keys(), eventstore.DeriveKEK([]byte("bench"))))
		if err := benchload.Write(ctx, s, codec, total); err != nil {
			t.Fatal(err)
		}
		recs, err := s.ReadAll(ctx, eventstore.Position{}, total+10)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != total {
			t.Fatalf("%d events written, want %d", len(recs), total)
		}
		for j, r := range recs {
			if _, _, err := codec.Decode(ctx, r); err != nil {
				t.Fatalf("record %d (%s): %v", j, r.Type, err)
			}
			runs[i] = append(runs[i], r.Stream+" "+r.Type)
		}
		if recs[0].Type != "person.signed_up" || recs[total-1].Type == "person.signed_up" {
			t.Errorf("first %s, last %s: the sign-ups come first, the cycles after", recs[0].Type, recs[total-1].Type)
		}
	}
	for j := range runs[0] {
		if runs[0][j] != runs[1][j] {
			t.Fatalf("runs differ at %d: %s vs %s", j, runs[0][j], runs[1][j])
		}
	}
}
