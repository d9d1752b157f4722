package web

import (
	"fmt"
	"math"
	"strconv"
)

// Minimum WCAG 2.x contrast ratios the brand colours must reach: normal
// text (the white label of a primary button, links in the primary colour
// on a card, body text on the page background) needs 4.5:1 (success
// criterion 1.4.3).
const MinTextContrast = 4.5

// Fixed colours of the light theme that the brand colours are checked
// against.
const (
	buttonText = "#ffffff" // label of a primary button
	cardColor  = "#ffffff" // card background (links are drawn on it)
	textColor  = "#1c1e21" // body text, also drawn on the page background
	// darkSurface is the lightest surface of the dark theme that accent
	// text sits on (the current navigation item, badges); the cards
	// (#1f2227) and the page (#15171a) are darker still.
	darkSurface = "#2a2e36"
)

// rgb parses #rgb or #rrggbb into 0..255 channels.
func rgb(hex string) ([3]float64, error) {
	var c [3]float64
	if !colorRE.MatchString(hex) {
		return c, fmt.Errorf("web: colour %q must be #rgb or #rrggbb", hex)
	}
	h := hex[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	for i := range c {
		v, _ := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		c[i] = float64(v)
	}
	return c, nil
}

// luminance is the WCAG relative luminance of an sRGB colour.
func luminance(c [3]float64) float64 {
	var lin [3]float64
	for i, v := range c {
		s := v / 255
		if s <= 0.04045 {
			lin[i] = s / 12.92
		} else {
			lin[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*lin[0] + 0.7152*lin[1] + 0.0722*lin[2]
}

// ContrastRatio is the WCAG contrast ratio (1 to 21) of two colours given
// as #rgb or #rrggbb.
func ContrastRatio(a, b string) (float64, error) {
	ca, err := rgb(a)
	if err != nil {
		return 0, err
	}
	cb, err := rgb(b)
	if err != nil {
		return 0, err
	}
	return ratio(ca, cb), nil
}

func ratio(a, b [3]float64) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// checkContrast refuses brand colours that make text unreadable: white
// button labels on the primary colour, links in the primary colour on the
// background, body text on the background, each below MinTextContrast.
// The error names the ratio.
func checkContrast(primary, background string) error {
	if primary != "" {
		r, err := ContrastRatio(primary, buttonText)
		if err != nil {
			return err
		}
		if r < MinTextContrast {
			return fmt.Errorf("web: primary colour %s gives white button text a contrast of %.2f:1; at least %.1f:1 is needed (choose a darker colour)",
				primary, r, MinTextContrast)
		}
	}
	if primary != "" && background != "" {
		r, err := ContrastRatio(primary, background)
		if err != nil {
			return err
		}
		if r < MinTextContrast {
			return fmt.Errorf("web: primary colour %s gives links on the background %s a contrast of %.2f:1; at least %.1f:1 is needed",
				primary, background, r, MinTextContrast)
		}
	}
	if background != "" {
		r, err := ContrastRatio(background, textColor)
		if err != nil {
			return err
		}
		if r < MinTextContrast {
			return fmt.Errorf("web: background colour %s gives body text (%s) a contrast of %.2f:1; at least %.1f:1 is needed (choose a lighter colour)",
				background, textColor, r, MinTextContrast)
		}
	}
	return nil
}

// darkAccent is the primary colour lightened (mixed with white in steps
// of 5%) until it reaches MinTextContrast on the dark theme's surfaces,
// for links, focus rings and outlined buttons in dark mode.
func darkAccent(primary string) string {
	p, err := rgb(primary)
	if err != nil {
		return primary
	}
	bg, _ := rgb(darkSurface)
	for k := 0; k <= 20; k++ {
		f := float64(k) / 20
		var m [3]float64
		for i := range m {
			m[i] = math.Round(p[i] + (255-p[i])*f)
		}
		if ratio(m, bg) >= MinTextContrast {
			return fmt.Sprintf("#%02x%02x%02x", int(m[0]), int(m[1]), int(m[2]))
		}
	}
	return "#ffffff"
}
