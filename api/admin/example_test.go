package admin_test

import (
	"context"
	"fmt"
	"time"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/authledger/authledger/projections"
)

// Example bans a person, then reads the people dimension as of the ban:
// the read waits for the projections to apply it.
func Example() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(testSecret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	read := ontmemory.New()
	runner, _ := projections.NewRunner(store, codec, read, projections.All(), projections.Options{})
	idx := sessionindex.New()
	go func() { _ = runner.Run(ctx) }()
	go func() { _ = idx.Follow(ctx, store, codec) }()
	a, _ := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: read, Projections: runner,
		Index: idx, Secret: []byte(testSecret), Clock: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }})
	pid := "P0000000000000000000000000000001"
	_, _ = app.Run(ctx, a, person.NewDecider(), domain.PersonStream(pid), domain.Metadata{Actor: pid}, pid,
		func(person.State) person.Command {
			return person.SignUp{PersonID: pid, Email: "ada@example.com", Name: "Ada", Role: "user", At: a.Now()}
		})
	svc := admin.New(a, sessions.New(a, sessions.Config{}))
	if err := svc.Ban(ctx, admin.BanInput{PersonID: pid, Reason: "abuse"}); err != nil {
		fmt.Println(err)
	}
	head, _ := store.Head(ctx)
	page, _ := svc.ListPeople(ctx, admin.ListInput{After: head})
	for _, p := range page.Items {
		fmt.Println(p.Email, p.Status)
	}
	// Output: ada@example.com banned
}
