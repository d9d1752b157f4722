package compliance_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
)

// Example exports the audit trail of a person, then erases them: the
// export (itself recorded as audit.read) names each event in the OWASP
// logging vocabulary, and the erasure leaves only person.erased behind.
func Example() {
	ctx := context.Background()
	env := apptest.Start(apptest.WithoutIndex(), apptest.WithoutProjections()) // a one-shot process, as the CLI
	defer env.Close()
	a := env.App
	pid := "P0000000000000000000000000000001"
	_, _ = app.Run(ctx, a, person.NewDecider(), domain.PersonStream(pid), domain.Metadata{Actor: pid}, pid,
		func(person.State) person.Command {
			return person.SignUp{PersonID: pid, Email: "ada@example.com", Name: "Ada", Role: "user", At: a.Now()}
		})
	svc := compliance.New(a, compliance.Deps{})
	reader := compliance.Reader{Actor: "admin-cli", Route: "authledger audit export"}
	var out strings.Builder
	_ = svc.Export(ctx, compliance.ExportInput{Reader: reader, Filter: compliance.Filter{Format: compliance.FormatNDJSON}, W: &out})
	res, _ := svc.Forget(ctx, compliance.ForgetInput{Actor: "admin", PersonID: pid})
	_ = svc.Export(ctx, compliance.ExportInput{Reader: reader, W: &out})
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	for sc.Scan() {
		var r compliance.Row
		_ = json.Unmarshal(sc.Bytes(), &r)
		fmt.Println(r.Type, r.OWASP, r.Outcome)
	}
	fmt.Println("erased:", !res.Position.IsZero())
	// Output:
	// person.signed_up user_created success
	// audit.read sensitive_read success
	// person.signed_up user_created success
	// audit.read sensitive_read success
	// person.erased user_deleted success
	// audit.read sensitive_read success
	// erased: true
}
