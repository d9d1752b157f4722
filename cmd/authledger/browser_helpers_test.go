package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/tooltest"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browserStepTimeout bounds one browser step (a navigation, a wait).
const browserStepTimeout = 30 * time.Second

// chromiumPath finds Debian's chromium, or ends the test through tooltest.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("AUTHLEDGER_TEST_CHROMIUM"), "/usr/bin/chromium"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	tooltest.Missing(t, "chromium", "apt-get install chromium, or set AUTHLEDGER_TEST_CHROMIUM; .ci/run installs it")
	return ""
}

// browser is one headless Chromium with a fresh profile.
type browser struct {
	t    *testing.T
	root context.Context
	out  string // screenshot folder
	base string // server URL
}

// artefactDir is where the browser tests keep their screenshots:
// $AUTHLEDGER_TEST_ARTIFACTS, else authledger-screens in the system's
// temporary directory; never inside the repository.
func artefactDir() string {
	if d := os.Getenv("AUTHLEDGER_TEST_ARTIFACTS"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "authledger-screens")
}

// newBrowser starts Chromium for the test against the server at base.
// Screenshots go to <artefactDir>/<test name>/, logged by the test.
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	path := chromiumPath(t)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1100, 900))
	root, cancelRoot := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelRoot(); cancelAlloc() })
	if err := chromedp.Do(root); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	out := filepath.Join(artefactDir(), strings.ReplaceAll(t.Name(), "/", "_"))
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots: %s", out)
	return &browser{t: t, root: root, out: out, base: base}
}

// tab is one person's window: its own browser context (cookie jar) and
// the console errors it has collected.
type tab struct {
	b    *browser
	name string
	ctx  context.Context
	mu   sync.Mutex
	errs []string
}

// person opens a window in a fresh browser context.
func (b *browser) person(name string) *tab {
	b.t.Helper()
	tb := &tab{b: b, name: name}
	ctx, cancel := chromedp.NewContext(b.root, chromedp.WithNewBrowserContext(), chromedp.WithListener(tb.onEvent))
	b.t.Cleanup(cancel)
	tb.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		b.t.Fatalf("open window for %s: %v", name, err)
	}
	return tb
}

// onEvent records console errors, uncaught exceptions and browser log
// errors (CSP violations, failed loads).
func (tb *tab) onEvent(ev any) {
	var msg string
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			msg = "console.error: " + strings.Join(parts, " ")
		}
	case *runtime.EventExceptionThrown:
		msg = "exception: " + e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			msg = "log: " + e.Entry.Text + " " + e.Entry.URL
		}
	}
	if msg != "" {
		tb.mu.Lock()
		tb.errs = append(tb.errs, msg)
		tb.mu.Unlock()
	}
}

// do runs steps with a step timeout.
func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.b.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, browserStepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.b.t.Fatalf("%s: %v (console: %v)", tb.name, err, tb.consoleErrors())
	}
}

func (tb *tab) open(path string) { tb.b.t.Helper(); tb.do(chromedp.Navigate(tb.b.base + path)) }
func (tb *tab) click(sel string) { tb.b.t.Helper(); tb.do(chromedp.Click(chromedp.CSS(sel))) }
func (tb *tab) visible(sel string) {
	tb.b.t.Helper()
	tb.do(chromedp.WaitVisible(chromedp.CSS(sel)))
}
func (tb *tab) fill(sel, v string) {
	tb.b.t.Helper()
	tb.do(chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = ''`, sel))(ctx, t)
		return err
	}), chromedp.SendKeys(chromedp.CSS(sel), v))
}

// tryEval evaluates a JavaScript expression.
func tryEval[T any](tb *tab, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(tb.ctx, browserStepTimeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr))
}

// eval evaluates a JavaScript expression; an error fails the test.
func eval[T any](tb *tab, expr string) T {
	tb.b.t.Helper()
	v, err := tryEval[T](tb, expr)
	if err != nil {
		tb.b.t.Fatalf("%s: eval %s: %v", tb.name, expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is true; an evaluation
// that fails because the page is navigating counts as false.
func (tb *tab) waitFor(what, cond string) {
	tb.b.t.Helper()
	deadline := time.Now().Add(browserStepTimeout)
	for {
		if ok, err := tryEval[bool](tb, "!!("+cond+")"); err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			tb.shot("timeout")
			tb.b.t.Fatalf("%s: waiting for %s (%s); at %s; console: %v", tb.name, what, cond,
				eval[string](tb, "location.href"), tb.consoleErrors())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitPath waits until the window shows path (without the query).
func (tb *tab) waitPath(path string) {
	tb.b.t.Helper()
	tb.waitFor("page "+path, fmt.Sprintf("location.pathname === %q && document.readyState === 'complete'", path))
}

// idle waits until no element is loading.
func (tb *tab) idle() {
	tb.b.t.Helper()
	tb.waitFor("loading to finish", `document.readyState === 'complete' && !document.querySelector('[aria-busy=true]')`)
}

func (tb *tab) consoleErrors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.errs...)
}

// shot saves a screenshot of the whole page as <n>-<person>-<name>.png
// and fails the test if the page has logged an error.
func (tb *tab) shot(name string) {
	tb.b.t.Helper()
	var png []byte
	ctx, cancel := context.WithTimeout(tb.ctx, browserStepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.b.t.Fatalf("%s: screenshot %s: %v", tb.name, name, err)
	}
	entries, _ := os.ReadDir(tb.b.out)
	file := filepath.Join(tb.b.out, fmt.Sprintf("%02d-%s-%s.png", len(entries)+1, tb.name, name))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		tb.b.t.Fatal(err)
	}
	if errs := tb.consoleErrors(); len(errs) > 0 {
		tb.b.t.Errorf("%s: page %s logged errors: %q", tb.name, name, errs)
	}
}

// totpCode is RFC 6238 (HMAC-SHA-1, 6 digits) for the base32 secret at
// time step counter.
func totpCode(t *testing.T, secret string, counter uint64) string {
	t.Helper()
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(strings.TrimRight(secret, "=")))
	if err != nil {
		t.Fatalf("secret %q is not base32: %v", secret, err)
	}
	mac := hmac.New(sha1.New, key)
	_ = binary.Write(mac, binary.BigEndian, counter)
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", v%1_000_000)
}

// keys types into the focused element (Tab and Enter included).
func keys(s string) chromedp.Action[chromedp.Void] { return chromedp.KeyEvent(s) }

// selectOption picks the option with the given text in a select and
// fires the change event, as a person choosing it would.
func selectOption(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		js := fmt.Sprintf(`(() => { const s = document.querySelector(%q); const o = [...s.options].find(o => o.textContent === %q);
			if (!o) return false; s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`, sel, text)
		ok, err := chromedp.Evaluate[bool](js)(ctx, t)
		if err == nil && !ok {
			err = fmt.Errorf("no option %q in %s", text, sel)
		}
		return err
	})
}

// forgive drops the collected errors that contain substr (an expected
// refusal, such as the 401 the browser logs for a wrong password) and
// reports how many there were.
func (tb *tab) forgive(substr string) int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	kept, n := tb.errs[:0], 0
	for _, e := range tb.errs {
		if strings.Contains(e, substr) {
			n++
			continue
		}
		kept = append(kept, e)
	}
	tb.errs = kept
	return n
}
