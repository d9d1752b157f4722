package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// command is one runnable subcommand of the table in commands.go: where
// it sits, what it says about itself, the flags it takes and the function
// that does the work. Adding a subcommand is adding one entry.
type command struct {
	// path is the command's words after "authledger": "audit verify".
	path string
	// operands is the synopsis of its operands: "<person-id>".
	operands string
	// short is the one-line description in the command lists.
	short string
	// long, when set, is printed above the flags by --help.
	long string
	// settings names the serve settings (config.go) the command takes as
	// flags; the others still come from the environment or their default.
	settings []string
	// flags are the command's own flags.
	flags []flagSpec
	// run does the work.
	run func(ctx context.Context, in *invocation) error
}

// flagSpec is one of a command's own flags. Values are strings (the
// implementation parses and checks them, naming the flag when they are
// bad) unless boolean is set. def is what --help shows as the default;
// the implementation applies it when the flag is absent from
// invocation.own.
type flagSpec struct {
	name, usage, def string
	boolean          bool
}

// invocation is what a command's implementation receives.
type invocation struct {
	// cfg is every serve setting: the command's flag when given, else its
	// environment variable when set, else the default.
	cfg config
	// own holds the command's own flags that were given, by name (booleans
	// as "true" or "false"); absent means not given.
	own map[string]string
	// operands are the arguments that are not flags.
	operands []string
	getenv   func(string) string
	stdout   io.Writer
	stderr   io.Writer
}

// store parses the store settings of the invocation (settings_store.go).
func (in *invocation) store() (storeSettings, error) { return parseStoreSettings(in.cfg) }

// storeOnly is the store settings of a command that takes no operands.
func storeOnly(in *invocation) (storeSettings, error) {
	s, err := in.store()
	if err != nil {
		return s, err
	}
	return s, in.noOperands()
}

// noOperands refuses operands for a command that takes none.
func (in *invocation) noOperands() error {
	if len(in.operands) > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, in.operands)
	}
	return nil
}

// storeFlags are the settings of every command that opens the stores.
var storeFlags = []string{"data-dir", "database", "eventstore", "ontology", "db-max-conns", "db-statement-timeout",
	"sync", "secret", "kek-secret", "log-level", "audit-key"}

// allSettings is every serve setting's flag name.
func allSettings() []string {
	names := make([]string, len(settings))
	for i, s := range settings {
		names[i] = s.flag
	}
	return names
}

// addSettingFlags declares the named settings on fs, each with the
// table's default and its environment variable in the usage text.
func addSettingFlags(fs *pflag.FlagSet, names []string) {
	for _, s := range settings {
		if slices.Contains(names, s.flag) {
			fs.String(s.flag, s.def, fmt.Sprintf("%s (env %s)", s.usage, s.env))
		}
	}
}

// resolveConfig is every setting's value: the flag if it was given on fs,
// else the environment variable if set, else the default. The environment
// is read only here, after parsing.
func resolveConfig(fs *pflag.FlagSet, getenv func(string) string) config {
	cfg := config{}
	for _, s := range settings {
		v := s.def
		if f := fs.Lookup(s.flag); f != nil && f.Changed {
			v = f.Value.String()
		} else if e := getenv(s.env); e != "" {
			v = e
		}
		cfg[s.flag] = strings.TrimSpace(v)
	}
	return cfg
}

// groups describes the words that only group subcommands.
var groups = map[string]string{
	"projections": "inspect and rebuild the projections",
	"audit":       "verify, export and sign the audit trail",
	"people":      "operator changes to people",
	"keys":        "operator keys",
	"webhooks":    "webhook endpoints",
	"secret":      "the key-encryption secret",
}

// newRoot builds the command tree for one run.
func newRoot(ctx context.Context, getenv func(string) string, stdout, stderr io.Writer, ran *bool) *cobra.Command {
	root := &cobra.Command{
		Use:   "authledger",
		Short: "authledger — event-sourced authentication server",
		Long: "authledger — event-sourced authentication server\n\n" +
			"Run \"authledger serve --help\" for every setting; every setting is also an AUTHLEDGER_* environment variable.",
		SilenceErrors: true, SilenceUsage: true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
		RunE: func(*cobra.Command, []string) error {
			return fmt.Errorf("%w: name a command (see authledger --help)", errUsage)
		},
	}
	for _, cmd := range commands {
		parent := root
		words := strings.Fields(cmd.path)
		for _, w := range words[:len(words)-1] {
			parent = child(parent, w)
		}
		parent.AddCommand(cmd.cobra(ctx, words[len(words)-1], getenv, stdout, stderr, ran))
	}
	return root
}

// setIO routes a command's help to stdout and everything else to stderr.
func setIO(c *cobra.Command, stdout, stderr io.Writer) {
	c.SetOut(stdout)
	c.SetErr(stderr)
	c.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w: %v (see authledger %s --help)", errUsage, err, strings.TrimPrefix(c.CommandPath(), "authledger "))
	})
}

// child finds or makes the group command word under parent.
func child(parent *cobra.Command, word string) *cobra.Command {
	for _, c := range parent.Commands() {
		if c.Name() == word {
			return c
		}
	}
	g := &cobra.Command{Use: word, Short: groups[word], Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("%w: unknown command %q for %q (see %s --help)", errUsage, args[0], c.CommandPath(), c.CommandPath())
			}
			return fmt.Errorf("%w: %s needs a subcommand (see %s --help)", errUsage, c.CommandPath(), c.CommandPath())
		}}
	parent.AddCommand(g)
	return g
}

// cobra turns the table entry into a cobra command named word.
func (cmd command) cobra(ctx context.Context, word string, getenv func(string) string, stdout, stderr io.Writer, ran *bool) *cobra.Command {
	use := word + " [flags]"
	if cmd.operands != "" {
		use += " " + cmd.operands
	}
	c := &cobra.Command{Use: use, Short: cmd.short, Long: cmd.long, Args: cobra.ArbitraryArgs}
	if c.Long == "" {
		c.Long = cmd.short
	}
	fs := c.Flags()
	fs.SortFlags = false
	for _, f := range cmd.flags {
		if f.boolean {
			fs.Bool(f.name, f.def == "true", f.usage)
		} else {
			fs.String(f.name, f.def, f.usage)
		}
	}
	addSettingFlags(fs, cmd.settings)
	c.RunE = func(c *cobra.Command, operands []string) error {
		*ran = true
		in := &invocation{cfg: resolveConfig(fs, getenv), own: map[string]string{}, operands: operands,
			getenv: getenv, stdout: stdout, stderr: stderr}
		for _, f := range cmd.flags {
			if fl := fs.Lookup(f.name); fl.Changed {
				in.own[f.name] = fl.Value.String()
			}
		}
		return cmd.run(ctx, in)
	}
	return c
}

// run is the whole program: it parses args and runs the subcommand.
// Mistakes on the command line (an unknown command or flag, a missing
// value) are usage errors: exit status 2.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	ran := false
	root := newRoot(ctx, getenv, stdout, stderr, &ran)
	for _, c := range allCommands(root) {
		setIO(c, stdout, stderr)
	}
	if args == nil {
		args = []string{} // cobra would read os.Args for nil
	}
	root.SetArgs(args)
	_, err := root.ExecuteC()
	if err != nil && !ran && !errors.Is(err, errUsage) {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return err
}

// allCommands is c and every command under it.
func allCommands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, s := range c.Commands() {
		out = append(out, allCommands(s)...)
	}
	return out
}
