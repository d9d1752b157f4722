package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
)

// TestLineBatcher: lines written by concurrent loggers to a file all
// arrive whole, each logger's in its order, and Close writes the rest;
// writes after Close go straight through; other writers are not wrapped.
func TestLineBatcher(t *testing.T) {
	tests := []struct {
		name           string
		writers, lines int
		size           int // bytes per line, past batchLimit in total for the last case
	}{
		{"one line", 1, 1, 10},
		{"bursts", 8, 500, 60},
		{"past the batch limit", 4, 200, 4096},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			got := make(chan []byte)
			go func() { b, _ := io.ReadAll(r); got <- b }()
			bw, closeLog := batchLines(w)
			if _, wrapped := bw.(*lineBatcher); !wrapped {
				t.Fatal("a file is not batched")
			}
			var wg sync.WaitGroup
			for g := range tt.writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range tt.lines {
						fmt.Fprintf(bw, "%d %d %s\n", g, i, strings.Repeat("x", tt.size))
					}
				}()
			}
			wg.Wait()
			closeLog()
			fmt.Fprintf(bw, "after close\n")
			closeLog() // twice is harmless
			w.Close()
			lines := strings.Split(strings.TrimSuffix(string(<-got), "\n"), "\n")
			if len(lines) != tt.writers*tt.lines+1 || lines[len(lines)-1] != "after close" {
				t.Fatalf("%d lines, last %.40q", len(lines), lines[len(lines)-1])
			}
			next := make([]int, tt.writers)
			for _, l := range lines[:len(lines)-1] {
				var g, i int
				var x string
				if _, err := fmt.Sscanf(l, "%d %d %s", &g, &i, &x); err != nil || len(x) != tt.size || i != next[g] {
					t.Fatalf("line %.60q out of order or torn (want %d from writer %d)", l, next[g], g)
				}
				next[g]++
			}
		})
	}
	var buf bytes.Buffer
	if w, _ := batchLines(&buf); w != &buf {
		t.Error("a buffer was wrapped")
	}
}
