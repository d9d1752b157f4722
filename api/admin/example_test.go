package admin_test

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
)

// Example bans a person, then reads the people dimension as of the ban:
// the read waits for the projections to apply it.
func Example() {
	ctx := context.Background()
	env := apptest.Start() // the kernel on the memory adapters, projections running
	defer env.Close()
	a := env.App
	pid := "P0000000000000000000000000000001"
	_, _ = app.Run(ctx, a, person.NewDecider(), domain.PersonStream(pid), domain.Metadata{Actor: pid}, pid,
		func(person.State) person.Command {
			return person.SignUp{PersonID: pid, Email: "ada@example.com", Name: "Ada", Role: "user", At: a.Now()}
		})
	svc := admin.New(a, sessions.New(a, sessions.Config{}))
	if err := svc.Ban(ctx, admin.BanInput{PersonID: pid, Reason: "abuse"}); err != nil {
		fmt.Println(err)
	}
	head, _ := env.Store.Head(ctx)
	page, _ := svc.ListPeople(ctx, admin.ListInput{After: head})
	for _, p := range page.Items {
		fmt.Println(p.Email, p.Status)
	}
	// Output: ada@example.com banned
}
