package web

import (
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

// TestQREncodeDecodes covers every version from 1 to 20 (lengths at and
// around the capacity limits) and checks ZXing reads the text back.
func TestQREncodeDecodes(t *testing.T) {
	var lengths []int
	for v := 1; v <= qrMaxVersion; v++ {
		c := qrDataCodewords(v) - 1 - qrCountBits(v)/8 // byte capacity
		lengths = append(lengths, c, c+1)
	}
	lengths = append(lengths, 0, 1)
	for _, n := range lengths {
		text := strings.Repeat("otpauth://totp/a:b?secret=JBSWY3DPEHPK3PXP&issuer=", 20)[:min(n, 1000)]
		bits, err := qrEncode([]byte(text))
		if n > 666 {
			if err == nil {
				t.Errorf("qrEncode(%d bytes) fits, want an error above version 20", n)
			}
			continue
		}
		if err != nil {
			t.Fatalf("qrEncode(%d bytes): %v", n, err)
		}
		if got := decodeQR(t, bits); got != text {
			t.Errorf("decoded %d bytes = %.30q…, want %.30q…", n, got, text)
		}
	}
}

func TestQRCapacityTable(t *testing.T) {
	// Byte-mode capacities at level M from the standard's table 7.
	want := map[int]int{1: 14, 2: 26, 5: 84, 7: 122, 10: 213, 15: 412, 20: 666}
	for v, c := range want {
		if got := qrDataCodewords(v) - 1 - qrCountBits(v)/8; got != c {
			t.Errorf("version %d capacity = %d, want %d", v, got, c)
		}
	}
}
