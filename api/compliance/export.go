package compliance

import (
	"bufio"
	"context"
	"encoding/json"
	"io"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// ExportInput asks for the whole filtered range, streamed to W.
type ExportInput struct {
	Reader Reader
	Filter Filter // Format NDJSON (the default) or CSV
	W      io.Writer
	// Progress, when set, runs after every read batch has been written to
	// W, with the last position read (a progress bar; an HTTP flush).
	Progress func(last eventstore.Position)
}

// Export records the read, then writes every matching row of the range
// to W as NDJSON or CSV (header first) in constant memory.
func (s *Service) Export(ctx context.Context, in ExportInput) error {
	f := in.Filter
	if f.Format == "" {
		f.Format = FormatNDJSON
	}
	if err := f.Validate(); err != nil {
		return err
	}
	if f.Format == FormatJSON {
		return domain.Errorf(domain.CodeValidation, "export format must be ndjson or csv")
	}
	if err := s.recordRead(ctx, in.Reader, f.Query(), f.IncludePII); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(in.W, 256<<10)
	rw := newRowWriter(bw, f.Format)
	err := s.scan(ctx, f, s.rowBuilder(f.IncludePII), rw.write, func(last eventstore.Position) error {
		if err := rw.flush(); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		if in.Progress != nil {
			in.Progress(last)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := rw.flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// rowWriter encodes rows as NDJSON or CSV (header first; every cell
// quoted and neutralized against formula injection, see csvWriter).
type rowWriter struct {
	enc    *json.Encoder
	csv    *csvWriter
	header bool
}

func newRowWriter(w io.Writer, format Format) *rowWriter {
	if format == FormatCSV {
		return &rowWriter{csv: newCSVWriter(w)}
	}
	return &rowWriter{enc: json.NewEncoder(w)}
}

func (w *rowWriter) write(r *Row) error {
	if w.enc != nil {
		return w.enc.Encode(r)
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	return w.csv.Write(r.CSV())
}

// flush writes out what the CSV writer buffers (the header at least).
func (w *rowWriter) flush() error {
	if w.csv == nil {
		return nil
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	w.csv.Flush()
	return w.csv.Error()
}

func (w *rowWriter) writeHeader() error {
	if w.header {
		return nil
	}
	w.header = true
	return w.csv.Write(CSVHeader)
}
