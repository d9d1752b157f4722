package web

import "fmt"

// A small QR code encoder (ISO/IEC 18004): byte mode, error correction
// level M, versions 1–20 (up to 666 bytes), the mask with the lowest
// penalty. It follows the structure of Project Nayuki's reference encoder
// and needs nothing beyond the standard library, so api/ keeps to its
// allowed imports. qrencode_test.go decodes its output with a ZXing port.

// qrMaxVersion bounds the versions this encoder builds.
const qrMaxVersion = 20

// qrECCPerBlock and qrBlocks are the level-M error-correction table.
var (
	qrECCPerBlock = [qrMaxVersion + 1]int{0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26}
	qrBlocks      = [qrMaxVersion + 1]int{0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16}
)

// qrSymbol is a symbol under construction: modules[y][x], and which
// modules belong to function patterns (not data, never masked).
type qrSymbol struct {
	ver, size int
	mod, fn   [][]bool
}

// qrEncode returns the dark modules of a QR code for data, with a
// four-module quiet zone around it.
func qrEncode(data []byte) ([][]bool, error) {
	ver := 0
	for v := 1; v <= qrMaxVersion; v++ {
		if 4+qrCountBits(v)+8*len(data) <= 8*qrDataCodewords(v) {
			ver = v
			break
		}
	}
	if ver == 0 {
		return nil, fmt.Errorf("web: %d bytes do not fit a version %d QR code", len(data), qrMaxVersion)
	}
	s := newQRSymbol(ver)
	s.drawFunctionPatterns()
	s.drawCodewords(s.interleave(qrCodewords(ver, data)))
	best, bestPenalty := 0, -1
	for m := range 8 {
		s.applyMask(m)
		s.drawFormat(m)
		if p := s.penalty(); bestPenalty < 0 || p < bestPenalty {
			best, bestPenalty = m, p
		}
		s.applyMask(m) // undo (XOR)
	}
	s.applyMask(best)
	s.drawFormat(best)
	return s.withQuietZone(4), nil
}

func newQRSymbol(ver int) *qrSymbol {
	s := &qrSymbol{ver: ver, size: 4*ver + 17}
	s.mod, s.fn = make([][]bool, s.size), make([][]bool, s.size)
	for y := range s.size {
		s.mod[y], s.fn[y] = make([]bool, s.size), make([]bool, s.size)
	}
	return s
}

func qrCountBits(ver int) int {
	if ver <= 9 {
		return 8
	}
	return 16
}

// qrRawModules is the number of data and error-correction modules.
func qrRawModules(ver int) int {
	n := (16*ver+128)*ver + 64
	if ver >= 2 {
		align := ver/7 + 2
		n -= (25*align-10)*align - 55
		if ver >= 7 {
			n -= 36
		}
	}
	return n
}

func qrDataCodewords(ver int) int {
	return qrRawModules(ver)/8 - qrECCPerBlock[ver]*qrBlocks[ver]
}

// qrCodewords is the byte-mode segment, terminator and padding.
func qrCodewords(ver int, data []byte) []byte {
	var bits []bool
	put := func(v, n int) {
		for i := n - 1; i >= 0; i-- {
			bits = append(bits, v>>i&1 == 1)
		}
	}
	put(4, 4)
	put(len(data), qrCountBits(ver))
	for _, b := range data {
		put(int(b), 8)
	}
	capBits := 8 * qrDataCodewords(ver)
	put(0, min(4, capBits-len(bits)))
	put(0, (8-len(bits)%8)%8)
	for pad := 0xEC; len(bits) < capBits; pad ^= 0xEC ^ 0x11 {
		put(pad, 8)
	}
	out := make([]byte, len(bits)/8)
	for i, b := range bits {
		if b {
			out[i/8] |= 1 << (7 - i%8)
		}
	}
	return out
}

// interleave splits data into blocks, appends each block's Reed–Solomon
// codewords and interleaves them.
func (s *qrSymbol) interleave(data []byte) []byte {
	nBlocks, eccLen := qrBlocks[s.ver], qrECCPerBlock[s.ver]
	raw := qrRawModules(s.ver) / 8
	nShort, shortLen := nBlocks-raw%nBlocks, raw/nBlocks
	div := rsDivisor(eccLen)
	var blocks [][]byte
	for i, k := 0, 0; i < nBlocks; i++ {
		n := shortLen - eccLen
		if i >= nShort {
			n++
		}
		dat := data[k : k+n]
		k += n
		block := append([]byte{}, dat...)
		if i < nShort {
			block = append(block, 0)
		}
		blocks = append(blocks, append(block, rsRemainder(dat, div)...))
	}
	var out []byte
	for i := range blocks[0] {
		for j, b := range blocks {
			if i != shortLen-eccLen || j >= nShort {
				out = append(out, b[i])
			}
		}
	}
	return out
}

// rsMul multiplies in GF(2^8) modulo x^8+x^4+x^3+x^2+1.
func rsMul(x, y byte) byte {
	z := 0
	for i := 7; i >= 0; i-- {
		z = (z << 1) ^ ((z >> 7) * 0x11D)
		z ^= int(y>>i&1) * int(x)
	}
	return byte(z)
}

func rsDivisor(degree int) []byte {
	res := make([]byte, degree)
	res[degree-1] = 1
	root := byte(1)
	for range degree {
		for j := range res {
			res[j] = rsMul(res[j], root)
			if j+1 < len(res) {
				res[j] ^= res[j+1]
			}
		}
		root = rsMul(root, 2)
	}
	return res
}

func rsRemainder(data, div []byte) []byte {
	res := make([]byte, len(div))
	for _, b := range data {
		f := b ^ res[0]
		copy(res, res[1:])
		res[len(res)-1] = 0
		for i, d := range div {
			res[i] ^= rsMul(d, f)
		}
	}
	return res
}

// withQuietZone copies the modules into a matrix with a light border.
func (s *qrSymbol) withQuietZone(border int) [][]bool {
	n := s.size + 2*border
	out := make([][]bool, n)
	for y := range n {
		out[y] = make([]bool, n)
		if y >= border && y < border+s.size {
			copy(out[y][border:], s.mod[y-border])
		}
	}
	return out
}
