package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// Language is one language of the message catalogue.
type Language struct {
	Code string // BCP 47 base tag, as in <html lang> and ?lang=
	Name string // its own name for itself, shown in the language switcher
}

// Languages lists the catalogues in i18n/, English first (the fallback).
var Languages = []Language{{"en", "English"}, {"de", "Deutsch"}}

// catalogue maps a language code to its messages.
type catalogue map[string]map[string]string

// loadCatalogue reads i18n/<code>.json for every language and refuses a
// catalogue that lacks a key another one has, so no page falls back to a
// raw key at run time.
func loadCatalogue() (catalogue, error) {
	c := catalogue{}
	for _, l := range Languages {
		raw, err := files.ReadFile("i18n/" + l.Code + ".json")
		if err != nil {
			return nil, fmt.Errorf("web: catalogue %s: %w", l.Code, err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("web: catalogue %s: %w", l.Code, err)
		}
		c[l.Code] = m
	}
	if missing := c.missing(); len(missing) > 0 {
		return nil, fmt.Errorf("web: catalogue keys missing: %s", strings.Join(missing, ", "))
	}
	return c, nil
}

// missing lists "lang:key" for each key some language has and another lacks.
func (c catalogue) missing() []string {
	all := map[string]bool{}
	for _, m := range c {
		for k := range m {
			all[k] = true
		}
	}
	var out []string
	for code, m := range c {
		for k := range all {
			if _, ok := m[k]; !ok {
				out = append(out, code+":"+k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// jsMessages is the part of a language's catalogue the scripts use (keys
// "js.*", without the prefix), as JSON for the body's data-messages.
func (c catalogue) jsMessages(code string) string {
	m := map[string]string{}
	for k, v := range c[code] {
		if rest, ok := strings.CutPrefix(k, "js."); ok {
			m[rest] = v
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

var matcher = func() language.Matcher {
	tags := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		tags[i] = language.MustParse(l.Code)
	}
	return language.NewMatcher(tags)
}()

// PickLanguage chooses the page language: a known ?lang= wins, else the
// best match of the Accept-Language header, else English.
func PickLanguage(query, acceptLanguage string) string {
	for _, l := range Languages {
		if strings.EqualFold(query, l.Code) {
			return l.Code
		}
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Languages[0].Code
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return Languages[0].Code
	}
	return Languages[i].Code
}

// langLink is one entry of the language switcher.
type langLink struct {
	Code, Name, Href string
}

// langLinks links the current page in every language, keeping its query
// (an invitation id, a reset token) and setting lang.
func langLinks(r *http.Request) []langLink {
	out := make([]langLink, len(Languages))
	for i, l := range Languages {
		q := url.Values{}
		if r != nil {
			q = r.URL.Query()
		}
		q.Set("lang", l.Code)
		out[i] = langLink{Code: l.Code, Name: l.Name, Href: "?" + q.Encode()}
	}
	return out
}
