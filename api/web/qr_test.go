package web

import (
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// decodeQR reads bits back with ZXing's decoder (an independent
// implementation of the standard).
func decodeQR(t *testing.T, bits [][]bool) string {
	t.Helper()
	const scale = 4
	n := len(bits)
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for y := range n * scale {
		for x := range n * scale {
			c := color.Gray{Y: 255}
			if bits[y/scale][x/scale] {
				c = color.Gray{Y: 0}
			}
			img.SetGray(x, y, c)
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		t.Fatalf("decode %d×%d symbol: %v", n, n, err)
	}
	return res.GetText()
}

// qrCapacityM is the byte-mode capacity at level M of versions 1 to 20,
// from the standard's table 7 (index 0 unused).
var qrCapacityM = []int{0, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666}

// TestQREncodeDecodes covers lengths at and around the capacity limits of
// every version up to maxQRText and checks that ZXing reads the text back.
func TestQREncodeDecodes(t *testing.T) {
	lengths := []int{0, 1, maxQRText}
	for _, c := range qrCapacityM[1:] {
		if c+1 <= maxQRText {
			lengths = append(lengths, c, c+1)
		}
	}
	for _, n := range lengths {
		text := strings.Repeat("otpauth://totp/a:b?secret=JBSWY3DPEHPK3PXP&issuer=", 20)[:n]
		bits, err := qrEncode([]byte(text))
		if err != nil {
			t.Fatalf("qrEncode(%d bytes): %v", n, err)
		}
		if got := decodeQR(t, bits); got != text {
			t.Errorf("decoded %d bytes = %.30q…, want %.30q…", n, got, text)
		}
	}
}

// TestQRSmallestVersion checks the symbol is the smallest version that
// holds the text: a text of exactly a version's capacity gets that
// version's size (17+4v modules plus the quiet zone), one byte more the
// next version's.
func TestQRSmallestVersion(t *testing.T) {
	size := func(v int) int { return 17 + 4*v + 2*qrQuietZone }
	for v := 1; v < len(qrCapacityM)-1; v++ {
		for n, want := range map[int]int{qrCapacityM[v]: size(v), qrCapacityM[v] + 1: size(v + 1)} {
			bits, err := qrEncode([]byte(strings.Repeat("a", n)))
			if err != nil {
				t.Fatalf("qrEncode(%d bytes): %v", n, err)
			}
			if len(bits) != want {
				t.Errorf("%d bytes: %d modules, want %d (version %d capacity %d)", n, len(bits), want, v, qrCapacityM[v])
			}
		}
	}
}

// TestQRSVGDrawsModules checks the SVG path has one unit square per dark
// module and nothing else, and that the viewBox is the symbol's size.
func TestQRSVGDrawsModules(t *testing.T) {
	bits, err := qrEncode([]byte("otpauth://totp/Acme:ada@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme"))
	if err != nil {
		t.Fatal(err)
	}
	svg := QRSVG(bits)
	dark := 0
	for y, row := range bits {
		for x, d := range row {
			if d {
				dark++
				if sq := fmt.Sprintf("M%d %dh1v1h-1z", x, y); !strings.Contains(svg, sq+"M") && !strings.Contains(svg, sq+`"`) {
					t.Fatalf("no square for dark module (%d,%d)", x, y)
				}
			}
		}
	}
	if got := strings.Count(svg, "h1v1h-1z"); got != dark || dark == 0 {
		t.Errorf("%d squares for %d dark modules", got, dark)
	}
	if want := fmt.Sprintf(`viewBox="0 0 %d %d"`, len(bits), len(bits)); !strings.Contains(svg, want) {
		t.Errorf("svg lacks %s", want)
	}
}
