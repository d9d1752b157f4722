package web

// Drawing of a QR symbol: function patterns, format and version
// information, data placement, masks and the mask penalty.

func (s *qrSymbol) setFn(x, y int, dark bool) {
	s.mod[y][x], s.fn[y][x] = dark, true
}

func (s *qrSymbol) drawFunctionPatterns() {
	for i := range s.size {
		s.setFn(6, i, i%2 == 0)
		s.setFn(i, 6, i%2 == 0)
	}
	s.drawFinder(3, 3)
	s.drawFinder(s.size-4, 3)
	s.drawFinder(3, s.size-4)
	pos := s.alignmentPositions()
	n := len(pos)
	for i := range n {
		for j := range n {
			if (i == 0 && j == 0) || (i == 0 && j == n-1) || (i == n-1 && j == 0) {
				continue
			}
			s.drawAlignment(pos[i], pos[j])
		}
	}
	s.drawFormat(0)
	s.drawVersion()
}

func (s *qrSymbol) alignmentPositions() []int {
	if s.ver == 1 {
		return nil
	}
	n := s.ver/7 + 2
	step := (s.ver*8 + n*3 + 5) / (n*4 - 4) * 2
	pos := make([]int, n)
	pos[0] = 6
	for i, p := n-1, s.size-7; i >= 1; i, p = i-1, p-step {
		pos[i] = p
	}
	return pos
}

func (s *qrSymbol) drawFinder(x, y int) {
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			d := max(abs(dx), abs(dy))
			xx, yy := x+dx, y+dy
			if xx >= 0 && xx < s.size && yy >= 0 && yy < s.size {
				s.setFn(xx, yy, d != 2 && d != 4)
			}
		}
	}
}

func (s *qrSymbol) drawAlignment(x, y int) {
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			s.setFn(x+dx, y+dy, max(abs(dx), abs(dy)) != 1)
		}
	}
}

// drawFormat writes level M (format bits 00) and the mask, BCH-protected.
func (s *qrSymbol) drawFormat(mask int) {
	data := 0<<3 | mask
	rem := data
	for range 10 {
		rem = (rem << 1) ^ ((rem >> 9) * 0x537)
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return bits>>i&1 == 1 }
	for i := 0; i <= 5; i++ {
		s.setFn(8, i, bit(i))
	}
	s.setFn(8, 7, bit(6))
	s.setFn(8, 8, bit(7))
	s.setFn(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		s.setFn(14-i, 8, bit(i))
	}
	for i := range 8 {
		s.setFn(s.size-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		s.setFn(8, s.size-15+i, bit(i))
	}
	s.setFn(8, s.size-8, true)
}

func (s *qrSymbol) drawVersion() {
	if s.ver < 7 {
		return
	}
	rem := s.ver
	for range 12 {
		rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
	}
	bits := s.ver<<12 | rem
	for i := range 18 {
		dark := bits>>i&1 == 1
		a, b := s.size-11+i%3, i/3
		s.setFn(a, b, dark)
		s.setFn(b, a, dark)
	}
}

// drawCodewords places the bits in the zigzag order of the standard.
func (s *qrSymbol) drawCodewords(data []byte) {
	i := 0
	for right := s.size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := range s.size {
			for j := range 2 {
				x := right - j
				y := vert
				if (right+1)&2 == 0 {
					y = s.size - 1 - vert
				}
				if !s.fn[y][x] && i < len(data)*8 {
					s.mod[y][x] = data[i>>3]>>(7-i&7)&1 == 1
					i++
				}
			}
		}
	}
}

func (s *qrSymbol) applyMask(mask int) {
	for y := range s.size {
		for x := range s.size {
			var inv bool
			switch mask {
			case 0:
				inv = (x+y)%2 == 0
			case 1:
				inv = y%2 == 0
			case 2:
				inv = x%3 == 0
			case 3:
				inv = (x+y)%3 == 0
			case 4:
				inv = (x/3+y/2)%2 == 0
			case 5:
				inv = x*y%2+x*y%3 == 0
			case 6:
				inv = (x*y%2+x*y%3)%2 == 0
			case 7:
				inv = ((x+y)%2+x*y%3)%2 == 0
			}
			if inv && !s.fn[y][x] {
				s.mod[y][x] = !s.mod[y][x]
			}
		}
	}
}

// penalty scores a masked symbol with the four rules of the standard.
func (s *qrSymbol) penalty() int {
	p, dark := 0, 0
	at := func(x, y int, col bool) bool {
		if col {
			return s.mod[x][y]
		}
		return s.mod[y][x]
	}
	for _, col := range []bool{false, true} {
		for y := range s.size {
			run := 0
			var line []bool
			for x := range s.size {
				c := at(x, y, col)
				line = append(line, c)
				if x > 0 && c == at(x-1, y, col) {
					run++
					if run == 5 {
						p += 3
					} else if run > 5 {
						p++
					}
				} else {
					run = 1
				}
			}
			p += 40 * finderLike(line)
		}
	}
	for y := range s.size {
		for x := range s.size {
			c := s.mod[y][x]
			if c {
				dark++
			}
			if x > 0 && y > 0 && c == s.mod[y][x-1] && c == s.mod[y-1][x] && c == s.mod[y-1][x-1] {
				p += 3
			}
		}
	}
	total := s.size * s.size
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return p + k*10
}

// finderLike counts 1:1:3:1:1 patterns with four light modules on a side.
func finderLike(line []bool) int {
	n := 0
	core := []bool{true, false, true, true, true, false, true}
	for i := 0; i+7 <= len(line); i++ {
		match := true
		for j, c := range core {
			if line[i+j] != c {
				match = false
				break
			}
		}
		if match && (lightRun(line, i-4, i) || lightRun(line, i+7, i+11)) {
			n++
		}
	}
	return n
}

// lightRun reports whether line[from:to] is light (outside counts as light).
func lightRun(line []bool, from, to int) bool {
	for i := from; i < to; i++ {
		if i >= 0 && i < len(line) && line[i] {
			return false
		}
	}
	return true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
