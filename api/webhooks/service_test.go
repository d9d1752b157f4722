package webhooks_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/webhooks"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/webhookendpoint"
)

// errPrivate stands for the address policy's refusal.
var errPrivate = errors.New("the endpoint resolves to a forbidden address")

// refuseLoopback is a URL check refusing 127.0.0.1.
func refuseLoopback(_ context.Context, u string) error {
	if strings.Contains(u, "127.0.0.1") {
		return errPrivate
	}
	return nil
}

// TestCreate covers the creation's checks and the secret shown once.
func TestCreate(t *testing.T) {
	tests := []struct {
		name   string
		url    string
		events []string
		code   domain.Code
	}{
		{"prefix and exact type", "https://hooks.example.com/in", []string{"person.", "session.created"}, ""},
		{"loopback refused", "http://127.0.0.1:9000/in", []string{"person."}, webhooks.CodeURLForbidden},
		{"unknown type", "https://hooks.example.com/in", []string{"person.flew_away"}, webhooks.CodeUnknownEvent},
		{"prefix selecting nothing", "https://hooks.example.com/in", []string{"nothing."}, webhooks.CodeUnknownEvent},
		{"no events", "https://hooks.example.com/in", nil, domain.CodeValidation},
		{"not http", "ftp://hooks.example.com/in", []string{"person."}, domain.CodeValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, refuseLoopback)
			out, err := f.svc.Create(context.Background(), webhooks.CreateInput{Caller: caller, Actor: "admin",
				URL: tt.url, Events: tt.events})
			if tt.code != "" {
				if domain.CodeOf(err) != tt.code {
					t.Fatalf("Create = %v, want code %s", err, tt.code)
				}
				if list, _ := f.svc.List(context.Background()); len(list) != 0 {
					t.Fatalf("a refused endpoint was created: %+v", list)
				}
				return
			}
			if err != nil || !strings.HasPrefix(out.Secret, "whsec_") || len(out.Secret) < 40 || !out.Enabled {
				t.Fatalf("Create = %+v, %v", out, err)
			}
			got, err := f.svc.Get(context.Background(), out.ID)
			if err != nil || got.URL != tt.url {
				t.Fatalf("Get = %+v, %v", got, err)
			}
			raw, _ := f.Store.ReadAll(context.Background(), zeroPos, 1000)
			for _, r := range raw {
				if strings.Contains(string(r.Data), strings.TrimPrefix(out.Secret, "whsec_")) {
					t.Fatalf("the secret is stored in the clear: %s", r.Data)
				}
			}
		})
	}
}

// TestLifecycle covers update, disable, enable, replay and delete.
func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, refuseLoopback)
	ep := f.create(false)
	in := webhooks.ChangeInput{Caller: caller, Actor: "admin", ID: ep.ID}
	newURL, pii := "https://other.example.com/x", true
	bad := "http://127.0.0.1/x"
	since := time.Unix(0, 0)
	after := "0.0"
	tests := []struct {
		name string
		run  func() (webhooks.Endpoint, error)
		want func(webhooks.Endpoint) bool
		code domain.Code
	}{
		{"update", func() (webhooks.Endpoint, error) {
			return f.svc.Update(ctx, webhooks.UpdateInput{Caller: caller, Actor: "admin", ID: ep.ID, URL: &newURL, IncludePII: &pii})
		}, func(e webhooks.Endpoint) bool { return e.URL == newURL && e.IncludePII }, ""},
		{"update to loopback", func() (webhooks.Endpoint, error) {
			return f.svc.Update(ctx, webhooks.UpdateInput{Caller: caller, Actor: "admin", ID: ep.ID, URL: &bad})
		}, nil, webhooks.CodeURLForbidden},
		{"disable", func() (webhooks.Endpoint, error) { return f.svc.Disable(ctx, in) },
			func(e webhooks.Endpoint) bool { return !e.Enabled && e.DisabledReason == "operator" }, ""},
		{"enable", func() (webhooks.Endpoint, error) { return f.svc.Enable(ctx, in) },
			func(e webhooks.Endpoint) bool { return e.Enabled }, ""},
		{"replay after", func() (webhooks.Endpoint, error) {
			return f.svc.Replay(ctx, webhooks.ReplayInput{Caller: caller, Actor: "admin", ID: ep.ID, After: &after})
		}, func(e webhooks.Endpoint) bool { return e.Enabled }, ""},
		{"replay since", func() (webhooks.Endpoint, error) {
			return f.svc.Replay(ctx, webhooks.ReplayInput{Caller: caller, Actor: "admin", ID: ep.ID, Since: &since})
		}, func(e webhooks.Endpoint) bool { return e.Enabled }, ""},
		{"replay both", func() (webhooks.Endpoint, error) {
			return f.svc.Replay(ctx, webhooks.ReplayInput{Caller: caller, Actor: "admin", ID: ep.ID, Since: &since, After: &after})
		}, nil, domain.CodeValidation},
		{"replay bad position", func() (webhooks.Endpoint, error) {
			bad := "x.y"
			return f.svc.Replay(ctx, webhooks.ReplayInput{Caller: caller, Actor: "admin", ID: ep.ID, After: &bad})
		}, nil, domain.CodeValidation},
		{"delete", func() (webhooks.Endpoint, error) { return f.svc.Delete(ctx, in) },
			func(e webhooks.Endpoint) bool { return true }, ""},
		{"get deleted", func() (webhooks.Endpoint, error) { return f.svc.Get(ctx, ep.ID) }, nil, webhookendpoint.CodeNotFound},
		{"enable deleted", func() (webhooks.Endpoint, error) { return f.svc.Enable(ctx, in) }, nil, webhookendpoint.CodeNotFound},
		{"unknown id", func() (webhooks.Endpoint, error) { return f.svc.Get(ctx, "../etc") }, nil, webhookendpoint.CodeNotFound},
	}
	for _, tt := range tests {
		got, err := tt.run()
		if tt.code != "" {
			if domain.CodeOf(err) != tt.code {
				t.Errorf("%s: %+v %v, want code %s", tt.name, got, err, tt.code)
			}
			continue
		}
		if err != nil || !tt.want(got) {
			t.Errorf("%s: %+v %v", tt.name, got, err)
		}
	}
	if list, err := f.svc.List(ctx); err != nil || len(list) != 0 {
		t.Fatalf("List after delete = %+v, %v", list, err)
	}
}

// TestCheckpointNames: a rebuild carries the read-store rows of every
// endpoint not deleted, found by their names and the endpoints' streams.
func TestCheckpointNames(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	kept, gone, quiet := f.create(false), f.create(false), f.create(false)
	if _, err := f.svc.Delete(ctx, webhooks.ChangeInput{Caller: caller, Actor: "admin", ID: gone.ID}); err != nil {
		t.Fatal(err)
	}
	tx, err := f.read.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"webhook." + kept.ID, "webhook." + kept.ID + ".state", "webhook." + gone.ID, "webhook." + gone.ID + ".state",
		"people.v1", "webhook.unknown"} {
		if err := tx.SetCheckpoint(ctx, name, "0.1"); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	// quiet has no rows yet: nothing of it to carry.
	names, err := webhooks.CheckpointNames(ctx, f.read, f.Store, f.App.Codec)
	want := []string{"webhook." + kept.ID, "webhook." + kept.ID + ".state"}
	if err != nil || strings.Join(names, " ") != strings.Join(want, " ") {
		t.Fatalf("CheckpointNames = %v, %v; want %v (quiet endpoint %s)", names, err, want, quiet.ID)
	}
}
