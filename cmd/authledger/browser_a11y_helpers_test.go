package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Viewports the hosted pages are checked at: a desktop and a phone.
const (
	desktopWidth = 1280
	phoneWidth   = 390
)

// viewport sets the window's layout width (and a phone's height and touch
// for the narrow one), as a person on that device would see the page.
func (tb *tab) viewport(width int64) {
	tb.b.t.Helper()
	if width <= phoneWidth {
		tb.do(chromedp.EmulateViewport(width, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile))
		return
	}
	tb.do(chromedp.EmulateViewport(width, 900))
}

// colorScheme emulates the person's prefers-color-scheme (light or dark).
func (tb *tab) colorScheme(scheme string) {
	tb.b.t.Helper()
	tb.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	}))
}

var (
	axeMu     sync.Mutex
	axeSource string
)

// axeScript is axe-core's axe.min.js from the npm dev dependency of
// testdata/node; it runs "npm ci" there when the package is missing and
// skips the test only when node and npm are not installed.
func axeScript(tb *tab) string {
	tb.b.t.Helper()
	axeMu.Lock()
	defer axeMu.Unlock()
	if axeSource != "" {
		return axeSource
	}
	file := filepath.Join(nodeDir, "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(file)
	if err != nil {
		_, npm := nodeTools(tb.b.t)
		cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund")
		cmd.Dir = nodeDir
		if out, err := cmd.CombinedOutput(); err != nil {
			tb.b.t.Fatalf("npm ci in %s: %v\n%s", nodeDir, err, out)
		}
		if b, err = os.ReadFile(file); err != nil {
			tb.b.t.Fatalf("axe-core is not installed after npm ci: %v", err)
		}
	}
	axeSource = string(b)
	return axeSource
}

// axeViolation is one failed axe-core rule with the nodes that fail it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axe injects axe-core into the page through the DevTools protocol (the
// page's CSP governs the page's own scripts, not the debugger's), runs it
// on the whole document with the WCAG 2.x A and AA rules and best
// practices, and fails the test on any serious or critical violation;
// minor and moderate ones are logged.
func (tb *tab) axe(label string) {
	tb.b.t.Helper()
	src := axeScript(tb)
	if _, err := tryEval[bool](tb, src+"\n;typeof axe === 'object'"); err != nil {
		tb.b.t.Fatalf("%s: inject axe-core: %v", tb.name, err)
	}
	ctx, cancel := context.WithTimeout(tb.ctx, browserStepTimeout)
	defer cancel()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ['violations'],
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
		.then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.b.t.Fatalf("%s: axe on %s: %v", tb.name, label, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		tb.b.t.Fatalf("%s: axe answer: %v", tb.name, err)
	}
	for _, v := range vs {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target)+": "+strings.ReplaceAll(n.Summary, "\n", " "))
		}
		msg := fmt.Sprintf("%s: axe %s on %s: %s (%s) at %s", tb.name, v.Impact, label, v.ID, v.Help, strings.Join(where, "; "))
		if v.Impact == "serious" || v.Impact == "critical" {
			tb.b.t.Error(msg)
		} else {
			tb.b.t.Log(msg)
		}
	}
}

// noHorizontalScroll fails the test when the page is wider than the
// window (a person would have to scroll sideways).
func (tb *tab) noHorizontalScroll(label string) {
	tb.b.t.Helper()
	var dims struct{ Scroll, Inner int }
	s := eval[string](tb, `JSON.stringify({Scroll: document.scrollingElement.scrollWidth, Inner: window.innerWidth})`)
	if err := json.Unmarshal([]byte(s), &dims); err != nil {
		tb.b.t.Fatal(err)
	}
	if dims.Scroll > dims.Inner {
		tb.shot("too-wide-" + label)
		tb.b.t.Errorf("%s: %s scrolls sideways: %d px wide in a %d px window", tb.name, label, dims.Scroll, dims.Inner)
	}
}

// tabTo presses Tab (at most limit times) until the element with the
// given id has the focus, as a keyboard user moves through the page.
func (tb *tab) tabTo(id string, limit int) {
	tb.b.t.Helper()
	for i := 0; i < limit; i++ {
		if eval[string](tb, `document.activeElement ? document.activeElement.id : ''`) == id {
			return
		}
		tb.do(keys("\t"))
	}
	if got := eval[string](tb, `document.activeElement ? document.activeElement.id || document.activeElement.tagName : ''`); got != id {
		tb.b.t.Fatalf("%s: %d Tabs did not reach #%s (focus on %s)", tb.name, limit, id, got)
	}
}
