package compliance

import (
	"io"
	"strings"
	"unicode/utf8"
)

// formulaTriggers are the first characters with which a spreadsheet
// (Excel, LibreOffice, Google Sheets) reads a cell as a formula or DDE
// call: OWASP's CSV injection list (= + - @ tab CR), line feed, and the
// full-width forms some spreadsheets also accept.
const formulaTriggers = "=+-@\t\r\n＝＋－＠"

// neutralizeCell returns s with a leading single quote when it starts with
// a formula trigger, so a spreadsheet shows it as text (OWASP's CSV
// injection guidance); other text is unchanged.
func neutralizeCell(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	if s != "" && strings.ContainsRune(formulaTriggers, r) {
		return "'" + s
	}
	return s
}

// csvWriter writes RFC 4180 records in which every field is neutralized,
// wrapped in double quotes and has its double quotes doubled, as OWASP
// asks for exports of user-controlled text; encoding/csv quotes only the
// fields that need it for parsing, so it cannot do this.
type csvWriter struct {
	w   io.Writer
	buf []byte
	err error
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: w} }

// Write writes one record (buffered until Flush or a large buffer).
func (c *csvWriter) Write(rec []string) error {
	if c.err != nil {
		return c.err
	}
	for i, f := range rec {
		if i > 0 {
			c.buf = append(c.buf, ',')
		}
		c.buf = append(c.buf, '"')
		c.buf = append(c.buf, strings.ReplaceAll(neutralizeCell(f), `"`, `""`)...)
		c.buf = append(c.buf, '"')
	}
	c.buf = append(c.buf, '\n')
	if len(c.buf) >= 64<<10 {
		c.Flush()
	}
	return c.err
}

// Flush writes out the buffered records.
func (c *csvWriter) Flush() {
	if c.err != nil || len(c.buf) == 0 {
		return
	}
	_, c.err = c.w.Write(c.buf)
	c.buf = c.buf[:0]
}

// Error is the first write error.
func (c *csvWriter) Error() error { return c.err }
