package password_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
)

func Example() {
	ctx := context.Background()
	policy := password.DefaultPolicy()
	if err := policy.Check("password123", "jane@example.com"); errors.Is(err, domain.ErrPasswordTooCommon) {
		fmt.Println("rejected:", domain.CodeOf(err))
	}

	// Tests use cheap params; production uses password.DefaultParams().
	h := password.NewHasher(password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 4)
	phc, err := h.Hash(ctx, "quietly orange paddle harbor")
	if err != nil {
		fmt.Println(err)
		return
	}
	ok, needsRehash, err := h.Verify(ctx, "quietly orange paddle harbor", phc)
	fmt.Println(ok, needsRehash, err)
	// Output:
	// rejected: PASSWORD_TOO_COMMON
	// true false <nil>
}
