package web

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// maxQRText bounds what the QR route encodes (an otpauth URI is ~150 bytes).
const maxQRText = 512

// QRDataURL renders text as a QR code (medium error correction) in an SVG
// image, returned as a data: URL for an <img>. Only otpauth:// URIs are
// accepted: the route is not a general QR service.
func QRDataURL(text string) (string, error) {
	if len(text) > maxQRText || !strings.HasPrefix(text, "otpauth://") {
		return "", fmt.Errorf("web: QR text must be an otpauth:// URI of at most %d bytes", maxQRText)
	}
	bits, err := qrEncode([]byte(text))
	if err != nil {
		return "", err
	}
	svg := QRSVG(bits)
	return "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg)), nil
}

// QRSVG draws a module bitmap (true = dark, quiet zone included) as SVG,
// one path for all dark modules.
func QRSVG(bits [][]bool) string {
	n := len(bits)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x, y)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String()
}
