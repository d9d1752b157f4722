package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	kernel "github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/webhook"
	"github.com/authledger/authledger/api/webhooks"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/webhookendpoint"
)

// webhooksActor is the actor the command line records for endpoint changes.
const webhooksActor = "admin-cli"

// webhooksUsage is the usage line of "authledger webhooks".
const webhooksUsage = "authledger webhooks create --url U --events a.,b.c [--include-pii true] | list | get ID | " +
	"update ID [--url U] [--events E] [--include-pii true|false] | enable ID | disable ID | delete ID | attempts ID | " +
	"replay ID (--after POSITION | --since TIME) [flags]"

// webhooksCmd manages webhook endpoints on the deployment's stores with
// the same use cases as /v1/webhooks; answers are JSON on stdout (the
// secret of a new endpoint only there, once). It never delivers: only
// serve runs the deliverer.
func webhooksCmd(sub string) func(context.Context, *invocation) error {
	return func(ctx context.Context, in *invocation) error { return webhooksRun(ctx, sub, in) }
}

// webhooksRun runs the webhooks subcommand sub.
func webhooksRun(ctx context.Context, sub string, in *invocation) error {
	s, err := in.store()
	if err != nil {
		return err
	}
	mine, extra, stdout, stderr := in.own, in.operands, in.stdout, in.stderr
	p := &settingsParser{cfg: in.cfg}
	hs := p.webhooks()
	if err := p.err(); err != nil {
		return err
	}
	needsID := sub != "create" && sub != "list"
	if (needsID && (len(extra) != 1 || !domain.ValidID(extra[0]))) || (!needsID && len(extra) > 0) {
		return fmt.Errorf("%w: %s", errUsage, webhooksUsage)
	}
	id := ""
	if needsID {
		id = extra[0]
	}
	a, err := openExistingApp(ctx, s, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	k, err := a.oneShot(nil, 0)
	if err != nil {
		return err
	}
	svc := webhooks.New(k, webhooks.Config{Read: a.read, CheckURL: func(ctx context.Context, u string) error {
		return webhook.CheckEndpoint(ctx, u, hs.AllowPrivate)
	}})
	out, err := runWebhookSub(ctx, svc, sub, id, mine, kernel.Caller{RequestID: "cli-webhooks-" + sub})
	if errors.Is(err, webhookendpoint.ErrNotFound) {
		return fmt.Errorf("no webhook endpoint %s", id)
	}
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// runWebhookSub runs one subcommand and returns what to print.
func runWebhookSub(ctx context.Context, svc *webhooks.Service, sub, id string, mine map[string]string,
	caller kernel.Caller) (any, error) {
	change := webhooks.ChangeInput{Caller: caller, Actor: webhooksActor, ID: id}
	switch sub {
	case "create":
		if mine["url"] == "" || mine["events"] == "" {
			return nil, fmt.Errorf("%w: %s", errUsage, webhooksUsage)
		}
		pii, err := optBool(mine, "include-pii")
		if err != nil {
			return nil, err
		}
		return svc.Create(ctx, webhooks.CreateInput{Caller: caller, Actor: webhooksActor, URL: mine["url"],
			Events: splitList(mine["events"]), IncludePII: pii != nil && *pii})
	case "update":
		in := webhooks.UpdateInput{Caller: caller, Actor: webhooksActor, ID: id}
		if u, ok := mine["url"]; ok {
			in.URL = &u
		}
		if e, ok := mine["events"]; ok {
			in.Events = splitList(e)
		}
		pii, err := optBool(mine, "include-pii")
		if err != nil {
			return nil, err
		}
		in.IncludePII = pii
		return svc.Update(ctx, in)
	case "replay":
		in := webhooks.ReplayInput{Caller: caller, Actor: webhooksActor, ID: id}
		if v, ok := mine["after"]; ok {
			in.After = &v
		}
		if v, ok := mine["since"]; ok {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return nil, fmt.Errorf("%w: --since must be an RFC 3339 time", errUsage)
			}
			in.Since = &t
		}
		return svc.Replay(ctx, in)
	case "list":
		return svc.List(ctx)
	case "get":
		return svc.Get(ctx, id)
	case "attempts":
		return svc.Attempts(ctx, id)
	case "enable":
		return svc.Enable(ctx, change)
	case "disable":
		return svc.Disable(ctx, change)
	case "delete":
		return svc.Delete(ctx, change)
	}
	return nil, fmt.Errorf("%w: %s", errUsage, webhooksUsage)
}

// optBool reads a true/false flag (nil when absent).
func optBool(mine map[string]string, name string) (*bool, error) {
	v, ok := mine[name]
	if !ok {
		return nil, nil
	}
	i := slices.Index([]string{"false", "true"}, v)
	if i < 0 {
		return nil, fmt.Errorf("%w: --%s must be true or false", errUsage, name)
	}
	b := i == 1
	return &b, nil
}

// splitList splits a comma-separated list, trimming spaces.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
