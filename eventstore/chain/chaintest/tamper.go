package chaintest

import (
	"crypto/ed25519"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
)

func testChainAndVerify(t *testing.T, h Harness) {
	sub, key, recs := chained(t, h, 50)
	rep := verify(t, sub, key)
	if !rep.OK || rep.Records != 50 || rep.Checkpoints != 5 || rep.Last != recs[49].Position || rep.Unchained {
		t.Fatalf("Verify = %+v, want OK over 50 records and 5 checkpoints up to %s", rep, recs[49].Position)
	}
	fill(t, sub.Events, 3)
	if rep := verify(t, sub, key); !rep.OK || rep.Records != 50 || !rep.Unchained {
		t.Fatalf("Verify with 3 unchained records = %+v, want OK over 50 records, Unchained", rep)
	}
}

func testRange(t *testing.T, h Harness) {
	sub, key, recs := chained(t, h, 50)
	sub.Tamper.ChangeByte(t, recs[44].Position)
	pub := key.Public().(ed25519.PublicKey)
	rep, err := chain.Verify(ctxT(t), sub.Events, sub.Chain, pub, recs[9].Position, recs[29].Position)
	if err != nil {
		t.Fatalf("Verify range: %v", err)
	}
	if !rep.OK || rep.Records != 20 || rep.Checkpoints != 2 || rep.After != recs[9].Position || rep.Last != recs[29].Position {
		t.Fatalf("Verify (%s, %s] = %+v, want OK over 20 records and 2 checkpoints", recs[9].Position, recs[29].Position, rep)
	}
	rep, err = chain.Verify(ctxT(t), sub.Events, sub.Chain, pub, recs[29].Position, eventstore.Position{})
	if err != nil {
		t.Fatalf("Verify tail: %v", err)
	}
	wantBroken(t, rep, recs[44].Position, chain.ReasonChanged)
	if _, err := chain.Verify(ctxT(t), sub.Events, sub.Chain, pub, eventstore.Position{Hi: 1 << 62}, eventstore.Position{}); err == nil {
		t.Error("Verify after a position without a link = nil error, want ErrNoLink")
	}
}

func testChangedByte(t *testing.T, h Harness) {
	sub, key, recs := chained(t, h, 50)
	sub.Tamper.ChangeByte(t, recs[20].Position)
	wantBroken(t, verify(t, sub, key), recs[20].Position, chain.ReasonChanged)
}

func testDeletedRecord(t *testing.T, h Harness) {
	sub, key, recs := chained(t, h, 50)
	sub.Tamper.DeleteRecord(t, recs[33].Position)
	wantBroken(t, verify(t, sub, key), recs[33].Position, chain.ReasonDeleted)
}

func testSwappedRecords(t *testing.T, h Harness) {
	sub, key, recs := chained(t, h, 50)
	sub.Tamper.SwapRecords(t, recs[15].Position, recs[31].Position)
	rep := verify(t, sub, key)
	wantBroken(t, rep, recs[15].Position, chain.ReasonMoved)
}

func testCutTail(t *testing.T, h Harness) {
	sub, key, recs := chained(t, h, 50)
	sub.Tamper.CutTail(t, recs[24].Position) // records and links 26… gone; checkpoints 30, 40, 50 remain
	rep := verify(t, sub, key)
	wantBroken(t, rep, recs[29].Position, chain.ReasonTruncated)
	if rep.Records != 25 {
		t.Errorf("Verify checked %d records before the cut, want 25", rep.Records)
	}
}

func testRewrittenLinks(t *testing.T, h Harness) {
	sub, key, recs := chained(t, h, 50)
	sub.Tamper.ChangeByte(t, recs[12].Position)
	// The attacker recomputes every link from the edited record on.
	edited := readAll(t, sub.Events)
	prev, err := sub.Chain.LinkAt(ctxT(t), recs[11].Position)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range edited[12:] {
		prev.Hash = chain.NextLink(prev.Hash, r)
		sub.Tamper.SetLinkHash(t, r.Position, prev.Hash)
	}
	wantBroken(t, verify(t, sub, key), recs[19].Position, chain.ReasonCheckpoint)
}

func testForgedSignature(t *testing.T, h Harness) {
	sub, key, recs := chained(t, h, 50)
	sub.Tamper.ForgeSignature(t, 20)
	wantBroken(t, verify(t, sub, key), recs[19].Position, chain.ReasonBadSignature)
	other := newKey(t)
	wantBroken(t, verify(t, sub, other), recs[9].Position, chain.ReasonBadSignature)
}

func testErasureKeepsChain(t *testing.T, h Harness) {
	sub, key, _ := chained(t, h, 20)
	ks := sub.Events.Keys()
	if _, err := ks.PutKey(ctxT(t), "person-3", []byte("wrapped data key")); err != nil {
		t.Fatal(err)
	}
	if err := ks.DestroyKey(ctxT(t), "person-3"); err != nil {
		t.Fatalf("DestroyKey: %v", err)
	}
	if _, err := ks.GetKey(ctxT(t), "person-3"); err == nil {
		t.Fatal("GetKey after DestroyKey found the key")
	}
	if rep := verify(t, sub, key); !rep.OK || rep.Records != 20 {
		t.Fatalf("Verify after erasure = %+v, want OK over 20 records", rep)
	}
}
