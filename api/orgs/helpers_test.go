package orgs_test

import (
	"slices"
	"testing"

	"github.com/authledger/authledger/domain"
)

// wantRefused runs call and checks that it fails with code and that the
// log grew by exactly the records of types want (none for most refusals).
func wantRefused(t *testing.T, w *world, call func() error, code domain.Code, want ...string) {
	t.Helper()
	before := w.Head(t)
	err := call()
	if got := domain.CodeOf(err); err == nil || got != code {
		t.Fatalf("error = %v (code %s), want code %s", err, got, code)
	}
	if got := w.TypesSince(t, before); !slices.Equal(got, want) {
		t.Errorf("appended %v, want %v", got, want)
	}
}

// wantOK fails the test on err.
func wantOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
