package password

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
)

// cheap are the test params (never for production): m=64 KiB, t=1, p=1.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestHashVerify(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(cheap, 2)
	const pw = "Correct Horse Battery Staple \x00 ☃"
	phc, err := h.Hash(ctx, pw)
	if err != nil {
		t.Fatalf("Hash error = %v", err)
	}
	other, _ := h.Hash(ctx, pw)
	if other == phc {
		t.Errorf("two hashes of one password are equal: salts are not fresh")
	}
	// near misses never verify.
	tests := []struct {
		name, password string
		want           bool
	}{
		{"exact", pw, true},
		{"truncated", pw[:10], false},
		{"truncated at NUL", strings.Split(pw, "\x00")[0], false},
		{"case flipped", strings.ToLower(pw), false},
		{"trailing char removed", strings.TrimSuffix(pw, "☃"), false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, rehash, err := h.Verify(ctx, tt.password, phc)
			if err != nil {
				t.Fatalf("Verify error = %v", err)
			}
			if ok != tt.want || rehash {
				t.Errorf("Verify = (%v, %v), want (%v, false)", ok, rehash, tt.want)
			}
		})
	}
}

func TestVerifyNeedsRehash(t *testing.T) {
	ctx := context.Background()
	current := NewHasher(cheap, 1)
	tests := []struct {
		name   string
		old    Params
		rehash bool
	}{
		{"same params", cheap, false},
		{"less memory", Params{Memory: 32, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, true},
		{"more passes", Params{Memory: 64, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}, true},
		{"more threads", Params{Memory: 64, Time: 1, Threads: 2, SaltLen: 16, KeyLen: 32}, true},
		{"shorter salt", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 8, KeyLen: 32}, true},
		{"longer key", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 64}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			phc, err := NewHasher(tt.old, 1).Hash(ctx, "old password")
			if err != nil {
				t.Fatalf("Hash error = %v", err)
			}
			ok, rehash, err := current.Verify(ctx, "old password", phc)
			if err != nil || !ok || rehash != tt.rehash {
				t.Errorf("Verify = (%v, %v, %v), want (true, %v, nil)", ok, rehash, err, tt.rehash)
			}
			ok, rehash, err = current.Verify(ctx, "wrong password", phc)
			if err != nil || ok || rehash {
				t.Errorf("Verify(wrong) = (%v, %v, %v), want (false, false, nil)", ok, rehash, err)
			}
		})
	}
}

func TestVerifyRejectsStoredHash(t *testing.T) {
	h := NewHasher(cheap, 1)
	tests := []struct{ name, phc string }{
		{"garbage", "not a hash"},
		{"t=0", "$argon2id$v=19$m=64,t=0,p=1$" + validSalt16 + "$" + validKey32},
		{"p=0", "$argon2id$v=19$m=64,t=1,p=0$" + validSalt16 + "$" + validKey32},
		{"m above ceiling", "$argon2id$v=19$m=4294967295,t=1,p=1$" + validSalt16 + "$" + validKey32},
		{"t above ceiling", "$argon2id$v=19$m=64,t=4294967295,p=1$" + validSalt16 + "$" + validKey32},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, rehash, err := h.Verify(context.Background(), "pw", tt.phc)
			if !errors.Is(err, ErrMalformedPHC) || ok || rehash {
				t.Errorf("Verify = (%v, %v, %v), want (false, false, ErrMalformedPHC)", ok, rehash, err)
			}
		})
	}
}

func TestVerifyDummyUsesCurrentParams(t *testing.T) {
	h := NewHasher(cheap, 1)
	stored, err := ParsePHC(h.dummy, h.MaxMemoryKiB)
	if err != nil {
		t.Fatalf("dummy hash does not parse: %v", err)
	}
	if stored.Params != h.Params() {
		t.Errorf("dummy params = %+v, want %+v", stored.Params, h.Params())
	}
	hashed := 0
	h.onHash = func() { hashed++ }
	if err := h.VerifyDummy(context.Background(), "anything"); err != nil {
		t.Fatalf("VerifyDummy error = %v", err)
	}
	if hashed != 1 {
		t.Errorf("VerifyDummy ran %d hashes, want 1", hashed)
	}
}

func TestHashRandFailure(t *testing.T) {
	h := NewHasher(cheap, 1)
	h.Rand = strings.NewReader("short")
	if _, err := h.Hash(context.Background(), "pw"); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("Hash error = %v, want io.ErrUnexpectedEOF", err)
	}
}

func TestCanceledContextIsBusy(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := NewHasher(cheap, 1).Hash(ctx, "pw")
	if !errors.Is(err, ErrBusy) || !errors.Is(err, context.Canceled) || !errors.Is(err, domain.ErrUnavailable) {
		t.Fatalf("Hash error = %v, want ErrBusy wrapping context.Canceled", err)
	}
	if got := domain.CodeOf(err); got != domain.CodeUnavailable {
		t.Errorf("CodeOf = %s, want %s", got, domain.CodeUnavailable)
	}
}

// TestConcurrencyBound: with every slot
// held, no more than maxConcurrent hashes run and the excess callers get
// ErrBusy once BusyWait passes.
func TestConcurrencyBound(t *testing.T) {
	const slots, callers = 3, 12
	h := NewHasher(cheap, slots)
	h.cpus = make(chan struct{}, slots) // as if on a machine of as many processors
	h.BusyWait = 20 * time.Millisecond
	var mu sync.Mutex
	active, maxActive := 0, 0
	entered, release := make(chan struct{}, callers), make(chan struct{})
	h.onHash = func() {
		mu.Lock()
		active++
		maxActive = max(maxActive, active)
		mu.Unlock()
		entered <- struct{}{}
		<-release
		mu.Lock()
		active--
		mu.Unlock()
	}
	errs := make(chan error, callers)
	for range callers {
		go func() {
			_, err := h.Hash(context.Background(), "pw")
			errs <- err
		}()
	}
	for range slots {
		<-entered // every slot is now held until release
	}
	busy := 0
	for range callers - slots {
		if err := <-errs; !errors.Is(err, ErrBusy) {
			t.Errorf("excess caller error = %v, want ErrBusy", err)
		}
		busy++
	}
	close(release)
	for range slots {
		if err := <-errs; err != nil {
			t.Errorf("slot holder error = %v, want nil", err)
		}
	}
	if maxActive != slots {
		t.Errorf("max concurrent hashes = %d, want %d", maxActive, slots)
	}
	if busy != callers-slots {
		t.Errorf("busy callers = %d, want %d", busy, callers-slots)
	}
}

// TestComputeBound: admitted hashes beyond the processors wait their turn
// (none is refused) and no more than the processors compute at once.
func TestComputeBound(t *testing.T) {
	tests := []struct {
		name         string
		slots, procs int
		callers      int
	}{
		{"one processor, four slots", 4, 1, 4},
		{"two processors, six slots", 6, 2, 6},
		{"processors beyond slots", 2, 4, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := NewHasher(cheap, tt.slots)
			h.cpus = make(chan struct{}, tt.procs)
			h.BusyWait = time.Minute
			var mu sync.Mutex
			active, maxActive, done := 0, 0, 0
			h.onHash = func() {
				mu.Lock()
				active++
				maxActive = max(maxActive, active)
				mu.Unlock()
				time.Sleep(5 * time.Millisecond) // hold the turn so waiting callers pile up
				mu.Lock()
				active--
				done++
				mu.Unlock()
			}
			var wg sync.WaitGroup
			for range tt.callers {
				wg.Go(func() {
					if _, err := h.Hash(context.Background(), "pw"); err != nil {
						t.Errorf("Hash: %v", err)
					}
				})
			}
			wg.Wait()
			if want := min(tt.procs, tt.slots); maxActive > want {
				t.Errorf("max computing hashes = %d, want at most %d", maxActive, want)
			}
			if done != tt.callers {
				t.Errorf("%d hashes done, want %d", done, tt.callers)
			}
		})
	}
}

// TestComputeWaitEndsWithContext: a caller waiting for a processor's turn
// gives up with ErrBusy when its context ends.
func TestComputeWaitEndsWithContext(t *testing.T) {
	h := NewHasher(cheap, 2)
	h.cpus = make(chan struct{}, 1)
	h.cpus <- struct{}{} // the only processor is taken
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := h.Hash(ctx, "pw")
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("Hash = %v, want ErrBusy", err)
	}
	if len(h.slots) != 0 {
		t.Errorf("%d slots still held after giving up", len(h.slots))
	}
}

func TestNewHasherPanicsOnBadConfig(t *testing.T) {
	tests := []struct {
		name  string
		p     Params
		slots int
	}{
		{"zero params", Params{}, 1},
		{"zero slots", cheap, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("NewHasher(%+v, %d) did not panic", tt.p, tt.slots)
				}
			}()
			NewHasher(tt.p, tt.slots)
		})
	}
}

func TestParamsValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Params
		ok   bool
	}{
		{"default", DefaultParams(), true},
		{"cheap", cheap, true},
		{"t=0", Params{Memory: 64, Time: 0, Threads: 1, SaltLen: 16, KeyLen: 32}, false},
		{"p=0", Params{Memory: 64, Time: 1, Threads: 0, SaltLen: 16, KeyLen: 32}, false},
		{"m below 8p", Params{Memory: 15, Time: 1, Threads: 2, SaltLen: 16, KeyLen: 32}, false},
		{"salt 7", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 7, KeyLen: 32}, false},
		{"salt 49", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 49, KeyLen: 32}, false},
		{"key 11", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 11}, false},
		{"key 65", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 65}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if got := err == nil; got != tt.ok {
				t.Fatalf("Validate() = %v, want ok %v", err, tt.ok)
			}
			if err != nil && domain.CodeOf(err) != domain.CodeValidation {
				t.Errorf("code = %s, want %s", domain.CodeOf(err), domain.CodeValidation)
			}
		})
	}
}
