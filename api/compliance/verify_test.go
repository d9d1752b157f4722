package compliance_test

import (
	"context"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
)

// memChain is the chain of a memory store, verified with chain.Verify
// (what the composition root wires for the durable adapters).
type memChain struct {
	es  eventstore.Store
	cs  chain.Store
	pub ed25519.PublicKey
}

func (c memChain) VerifyChain(ctx context.Context, after, to eventstore.Position, extra ...chain.Checkpoint) (chain.Report, error) {
	return chain.Verify(ctx, c.es, c.cs, c.pub, after, to, extra...)
}

// chainedFixture is a fixture whose log is chained and checkpointed.
func chainedFixture(t *testing.T) (*fixture, *chain.Chainer) {
	t.Helper()
	pub, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	cs := chain.NewMemStore()
	f := newFixture(t, compliance.Deps{}, false)
	f.svc = compliance.New(f.App, compliance.Deps{Verifier: memChain{es: f.Store, cs: cs, pub: pub}, Checkpoints: cs, ChainKey: pub})
	f.signUp("alice@example.com", "Alice")
	ch, err := chain.NewChainer(f.Store, cs, key, chain.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ch.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := ch.Checkpoint(context.Background()); err != nil {
		t.Fatal(err)
	}
	return f, ch
}

// TestVerify: the chain verifies; a read is recorded unless forensic;
// without a wired chain both chain use cases answer AUDIT_CHAIN_UNSUPPORTED
// and append nothing.
func TestVerify(t *testing.T) {
	f, _ := chainedFixture(t)
	tests := []struct {
		name      string
		in        compliance.VerifyInput
		wantTypes string
	}{
		{"recorded", compliance.VerifyInput{Reader: admin}, "audit.read"},
		{"forensic", compliance.VerifyInput{Forensic: true}, ""},
		{"range", compliance.VerifyInput{Reader: admin, To: eventstore.Position{Lo: 1}}, "audit.read"},
	}
	for _, tt := range tests {
		before := f.Head(t)
		rep, err := f.svc.Verify(context.Background(), tt.in)
		if err != nil || !rep.OK || rep.Records == 0 {
			t.Errorf("%s: %+v %v", tt.name, rep, err)
		}
		if got := strings.Join(f.TypesSince(t, before), ","); got != tt.wantTypes {
			t.Errorf("%s: appended %q, want %q", tt.name, got, tt.wantTypes)
		}
	}
	if r := lastRead(t, f); r.Query != "to=0.1" {
		t.Errorf("recorded query %q", r.Query)
	}
	bare := newFixture(t, compliance.Deps{}, false)
	_, err1 := bare.svc.Verify(context.Background(), compliance.VerifyInput{Reader: admin})
	_, err2 := bare.svc.Checkpoints(context.Background(), compliance.CheckpointsInput{Reader: admin})
	for _, err := range []error{err1, err2} {
		var de *domain.Error
		if !errors.As(err, &de) || de.Code != compliance.CodeChainUnsupported {
			t.Errorf("without a chain: %v", err)
		}
	}
	if n := len(bare.Records(t)); n != 0 {
		t.Errorf("refusals appended %d records", n)
	}
}

// TestCheckpoints: the export carries the signed checkpoints and the PEM
// key that verifies them; passed back to Verify it catches a log that
// lost its tail.
func TestCheckpoints(t *testing.T) {
	f, _ := chainedFixture(t)
	exp, err := f.svc.Checkpoints(context.Background(), compliance.CheckpointsInput{Forensic: true})
	if err != nil || len(exp.Checkpoints) != 1 || !strings.Contains(exp.PublicKey, "PUBLIC KEY") {
		t.Fatalf("export %+v %v", exp, err)
	}
	pub, err := chain.ParsePublicKey([]byte(exp.PublicKey))
	if err != nil || !exp.Checkpoints[0].Valid(pub) {
		t.Errorf("checkpoint does not verify with the exported key: %v", err)
	}
	forged := exp.Checkpoints[0]
	forged.Count++
	rep, err := f.svc.Verify(context.Background(), compliance.VerifyInput{Forensic: true, Checkpoints: []chain.Checkpoint{forged}})
	if err != nil || rep.OK {
		t.Errorf("a forged checkpoint verified: %+v %v", rep, err)
	}
}
