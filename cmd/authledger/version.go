package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
)

// buildVersion is what the binary knows of its build: the version set at
// link time (-X main.version, the image's build argument) or else the
// module's version from the build info, and the VCS revision, its time
// and whether the tree had uncommitted changes when Go recorded them.
type buildVersion struct {
	Version  string `json:"version"`
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
}

// readBuildVersion reads the binary's build information.
func readBuildVersion() buildVersion {
	v := buildVersion{Version: version, Go: runtime.Version()}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if v.Version == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// versionCmd is "authledger version [--json]": the version on the first
// line ("authledger <version>"), then the revision and Go version; with
// --json one object.
func versionCmd(_ context.Context, in *invocation) error {
	if err := in.noOperands(); err != nil {
		return err
	}
	stdout, v := in.stdout, readBuildVersion()
	if in.own["json"] == "true" {
		return json.NewEncoder(stdout).Encode(v)
	}
	fmt.Fprintln(stdout, "authledger", v.Version)
	if v.Revision != "" {
		mod := ""
		if v.Modified {
			mod = " (modified)"
		}
		fmt.Fprintf(stdout, "revision %s%s %s\n", v.Revision, mod, v.Time)
	}
	fmt.Fprintln(stdout, v.Go)
	return nil
}
