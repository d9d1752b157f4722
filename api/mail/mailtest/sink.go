// Package mailtest runs a tiny SMTP sink on 127.0.0.1 for tests, so the
// real net/smtp client of package mail is exercised end to end.
package mailtest

import (
	"bufio"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// Received is one message accepted by the sink.
type Received struct {
	From string
	To   []string
	Data string // the DATA section, dot-unstuffed, CRLF line ends
}

// Sink is a minimal SMTP server (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
type Sink struct {
	ln   net.Listener
	mu   sync.Mutex
	msgs []Received
	got  chan struct{}
	wg   sync.WaitGroup
	// fail is how many of the next sessions are refused; refused counts
	// the sessions refused so far.
	fail, refused int
}

// FailNext makes the sink refuse the next n sessions with "421 try again
// later" at the greeting, as a server that is down or overloaded would;
// n < 0 refuses every session until FailNext(0).
func (s *Sink) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = n
}

// Refused is the number of sessions refused so far.
func (s *Sink) Refused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused
}

// refuse reports whether this session is refused, counting it.
func (s *Sink) refuse() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail == 0 {
		return false
	}
	if s.fail > 0 {
		s.fail--
	}
	s.refused++
	return true
}

// Start listens on a free local port; the sink closes when the test ends.
func Start(t testing.TB) *Sink {
	t.Helper()
	s, err := Listen()
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Listen starts a sink on a free port of 127.0.0.1; Close stops it.
func Listen() (*Sink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Sink{ln: ln, got: make(chan struct{}, 1024)}
	s.wg.Add(1)
	go s.serve()
	return s, nil
}

// Close stops listening and waits for open connections to finish.
func (s *Sink) Close() error {
	err := s.ln.Close()
	s.wg.Wait()
	return err
}

// Addr is the host:port the sink listens on.
func (s *Sink) Addr() string { return s.ln.Addr().String() }

// Port is the sink's TCP port.
func (s *Sink) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Messages returns a copy of what was received so far.
func (s *Sink) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

// Wait blocks until n messages have arrived or timeout passes, and returns
// what arrived.
func (s *Sink) Wait(n int, timeout time.Duration) []Received {
	deadline := time.After(timeout)
	for len(s.Messages()) < n {
		select {
		case <-s.got:
		case <-deadline:
			return s.Messages()
		}
	}
	return s.Messages()
}

func (s *Sink) serve() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
			s.handle(bufio.NewReader(conn), conn)
		}()
	}
}

func (s *Sink) handle(r *bufio.Reader, w net.Conn) {
	reply := func(line string) { _, _ = w.Write([]byte(line + "\r\n")) }
	if s.refuse() {
		reply("421 mailtest: try again later")
		return
	}
	reply("220 mailtest ESMTP")
	var cur Received
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch verb {
		case "EHLO", "HELO":
			reply("250 mailtest")
		case "MAIL":
			cur = Received{From: addrOf(line)}
			reply("250 OK")
		case "RCPT":
			cur.To = append(cur.To, addrOf(line))
			reply("250 OK")
		case "DATA":
			reply("354 end with <CRLF>.<CRLF>")
			cur.Data = readData(r)
			s.mu.Lock()
			s.msgs = append(s.msgs, cur)
			s.mu.Unlock()
			s.got <- struct{}{}
			reply("250 OK queued")
		case "RSET", "NOOP":
			reply("250 OK")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

func addrOf(line string) string {
	i, j := strings.Index(line, "<"), strings.LastIndex(line, ">")
	if i < 0 || j < i {
		return ""
	}
	return line[i+1 : j]
}

func readData(r *bufio.Reader) string {
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil || line == ".\r\n" {
			return b.String()
		}
		b.WriteString(strings.TrimPrefix(line, "."))
	}
}
