package web

import (
	"encoding/base64"
	"fmt"
	"image/color"
	"strings"

	"github.com/boombuler/barcode/qr"
)

// The QR symbol comes from github.com/boombuler/barcode/qr (ISO/IEC 18004:
// byte mode, error correction level M, smallest version that fits, the
// mask with the lowest penalty). It is the encoder behind the one-time
// password library's own key images, so it adds no module to the build.
// Only the drawing is ours: the library renders a bitmap image, while the
// page wants a small, crisp SVG that a data: URL can carry under the
// pages' strict content security policy (no inline script or style).

// maxQRText bounds what the QR route encodes (an otpauth URI is ~150 bytes).
const maxQRText = 512

// qrQuietZone is the blank margin, in modules, that readers need around a
// symbol (the standard's four).
const qrQuietZone = 4

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

// qrEncode returns the dark modules of the library's QR code for data
// (byte mode, level M), with the quiet zone around it.
func qrEncode(data []byte) ([][]bool, error) {
	code, err := qr.Encode(string(data), qr.M, qr.Unicode)
	if err != nil {
		return nil, fmt.Errorf("web: QR: %w", err)
	}
	b := code.Bounds()
	n := b.Dx() + 2*qrQuietZone
	bits := make([][]bool, n)
	for y := range bits {
		bits[y] = make([]bool, n)
	}
	for y := range b.Dy() {
		for x := range b.Dx() {
			g := color.GrayModel.Convert(code.At(b.Min.X+x, b.Min.Y+y)).(color.Gray)
			bits[y+qrQuietZone][x+qrQuietZone] = g.Y < 128
		}
	}
	return bits, nil
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
