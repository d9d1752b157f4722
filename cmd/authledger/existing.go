package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// errNoData: a command that works on an existing deployment found none.
var errNoData = errors.New("no authledger data")

// openExistingApp is openApp for the commands that work on a deployment
// that already exists (audit, projections, replay, forget): they never
// create one. When the event log or the generated secret lives in the data
// directory and is not there, they stop before anything is written.
func openExistingApp(ctx context.Context, s storeSettings, stderr io.Writer) (*app, error) {
	if err := s.requireExisting(); err != nil {
		return nil, err
	}
	return openApp(ctx, s, stderr)
}

// requireExisting reports what is missing of an existing deployment.
func (s storeSettings) requireExisting() error {
	var need []string
	if s.EventsURL == "" {
		need = append(need, "events.db")
	}
	if s.Secret == "" {
		need = append(need, secretFile)
	}
	for _, name := range need {
		if _, err := os.Stat(filepath.Join(s.DataDir, name)); err != nil {
			return fmt.Errorf("%w in %s (missing %s): start it with authledger serve or authledger migrate first",
				errNoData, s.DataDir, name)
		}
	}
	return nil
}
