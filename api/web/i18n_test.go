package web

import (
	"io/fs"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// TestCatalogueComplete: every key exists in every language, no message
// is empty, and the placeholders of a message are the same in each.
func TestCatalogueComplete(t *testing.T) {
	c, err := loadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	if m := c.missing(); len(m) > 0 {
		t.Fatalf("missing keys: %v", m)
	}
	ph := regexp.MustCompile(`\{\w+\}|%d`)
	en := c[Languages[0].Code]
	for _, l := range Languages {
		for k, v := range c[l.Code] {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s:%s is empty", l.Code, k)
			}
			if got, want := strings.Join(ph.FindAllString(v, -1), ","), strings.Join(ph.FindAllString(en[k], -1), ","); !samePlaceholders(got, want) {
				t.Errorf("%s:%s has placeholders %q, English has %q", l.Code, k, got, want)
			}
		}
	}
}

func samePlaceholders(a, b string) bool {
	as, bs := strings.Split(a, ","), strings.Split(b, ",")
	seen := map[string]int{}
	for _, x := range as {
		seen[x]++
	}
	for _, x := range bs {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// TestScriptKeysExist: every t("key") the scripts ask for is in the
// catalogue (as js.key), so no page shows a raw key.
func TestScriptKeysExist(t *testing.T) {
	c, err := loadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`\bt\("([a-z0-9_.A-Z]+)"[,)]`)
	n := 0
	err = fs.WalkDir(files, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".js") {
			return err
		}
		src, _ := files.ReadFile(path)
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			n++
			if _, ok := c["en"]["js."+m[1]]; !ok {
				t.Errorf("%s asks for %q, which the catalogue lacks", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("found %d t() calls in the scripts; the pattern no longer matches them", n)
	}
}

// TestPickLanguage: ?lang= wins when known, then Accept-Language's best
// match, then English.
func TestPickLanguage(t *testing.T) {
	for _, c := range []struct{ query, accept, want string }{
		{"", "", "en"},
		{"", "de-DE,de;q=0.9,en;q=0.8", "de"},
		{"", "de-AT", "de"},
		{"", "fr-FR,fr;q=0.9", "en"},
		{"", "fr;q=0.9,de;q=0.5", "de"},
		{"en", "de", "en"},
		{"DE", "", "de"},
		{"xx", "de", "de"},
		{"", "not a header;;;", "en"},
	} {
		if got := PickLanguage(c.query, c.accept); got != c.want {
			t.Errorf("PickLanguage(%q, %q) = %q, want %q", c.query, c.accept, got, c.want)
		}
	}
}

// TestRenderLanguages: every page renders in every language with its
// <html lang>, a translated title, and a ?lang= choice remembered.
func TestRenderLanguages(t *testing.T) {
	u, err := New(Options{Passkeys: true, EmailLinks: true, ChangeEmail: true, DeleteAccount: true,
		SocialProviders: []string{"github"}, PasswordLinks: true, InviteMail: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Pages() {
		for _, l := range Languages {
			r := httptest.NewRequest("GET", p.Path+"?lang="+l.Code, nil)
			w := httptest.NewRecorder()
			if err := u.Render(w, r, p); err != nil {
				t.Fatalf("%s/%s: %v", l.Code, p.Name, err)
			}
			body := w.Body.String()
			if !strings.Contains(body, `<html lang="`+l.Code+`">`) {
				t.Errorf("%s/%s: no <html lang=%q>", l.Code, p.Name, l.Code)
			}
			if title := u.msgs[l.Code]["title."+p.Name]; !strings.Contains(body, "<title>"+title) {
				t.Errorf("%s/%s: title %q not shown", l.Code, p.Name, title)
			}
			if !strings.Contains(w.Header().Get("Set-Cookie"), langCookie+"="+l.Code) {
				t.Errorf("%s/%s: the choice is not remembered", l.Code, p.Name)
			}
		}
	}
	r := httptest.NewRequest("GET", "/ui/sign-in", nil)
	r.Header.Set("Accept-Language", "de-CH, en;q=0.5")
	w := httptest.NewRecorder()
	if err := u.Render(w, r, Pages()[0]); err != nil {
		t.Fatal(err)
	}
	if body := w.Body.String(); !strings.Contains(body, `lang="de"`) || !strings.Contains(body, "Angemeldet bleiben") {
		t.Error("Accept-Language de-CH did not give the German page")
	}
	if w.Header().Get("Set-Cookie") != "" {
		t.Error("a page without ?lang= set a cookie")
	}
}

// TestRenderedIDsUnique: no page repeats an id (the shared frame's
// dialog and a page's own fields once collided), so labels, scripts and
// aria references reach the element they mean.
func TestRenderedIDsUnique(t *testing.T) {
	u, err := New(Options{Passkeys: true, EmailLinks: true, ChangeEmail: true, DeleteAccount: true,
		SocialProviders: []string{"github"}, PasswordLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	idRE := regexp.MustCompile(`\sid="([^"]+)"`)
	for _, p := range Pages() {
		w := httptest.NewRecorder()
		if err := u.Render(w, httptest.NewRequest("GET", p.Path, nil), p); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, m := range idRE.FindAllStringSubmatch(w.Body.String(), -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q appears twice", p.Name, m[1])
			}
			seen[m[1]] = true
		}
	}
}
