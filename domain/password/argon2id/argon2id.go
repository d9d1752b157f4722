// Copyright 2017 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package argon2id is golang.org/x/crypto/argon2's Argon2id (RFC 9106),
// with one change: the working memory of a derivation is reused from a
// pool instead of allocated for each. The library has no way to pass it
// memory (golang.org/issue/36634, open since 2020), and in a server each
// sign-in allocated 19 MiB that the runtime then zeroed (5% of a sign-in's
// CPU) and collected (a collection every hash or few, marking the whole
// live heap each time). The other files of this package are the library's
// (v0.59.0) unchanged but for the package name, the build tags and the
// CPU feature flag set in its declaration rather than an init; the
// functions below are its argon2.go reduced to Argon2id, with the pool
// (a Pool value its user owns: the Hasher holds one).
//
// Reused memory holds the previous derivation's blocks, so the first pass
// here overwrites each block (as RFC 9106 specifies) where the library
// XORs into memory it knows is zero. TestIDKeyMatchesLibrary and
// FuzzIDKeyMatchesLibrary hold the output to the library's byte for byte,
// with memory dirtied by earlier derivations of other inputs and costs.
package argon2id

import (
	"encoding/binary"
	"sync"

	"golang.org/x/crypto/blake2b"
)

// version is the Argon2 version implemented (1.3).
const version = 0x13

const argon2id = 2 // the type's number in the parameter block

const (
	blockLength = 128
	syncPoints  = 4
)

type block [blockLength]uint64

// Pool holds working memories between derivations; its zero value is
// ready, and it must not be copied after first use. It is a sync.Pool, so
// an idle server's memory goes at the next collections instead of a
// buffer per core staying forever.
type Pool struct {
	p sync.Pool // of *[]block
}

// IDKey derives a key from the password, salt and cost parameters with
// Argon2id, exactly as golang.org/x/crypto/argon2.IDKey does (which
// documents the parameters), taking its working memory from p.
func (p *Pool) IDKey(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	if time < 1 {
		panic("argon2id: number of rounds too small")
	}
	if threads < 1 {
		panic("argon2id: parallelism degree too low")
	}
	h0 := initHash(password, salt, time, memory, uint32(threads), keyLen)

	memory = memory / (syncPoints * uint32(threads)) * (syncPoints * uint32(threads))
	if memory < 2*syncPoints*uint32(threads) {
		memory = 2 * syncPoints * uint32(threads)
	}
	buf := p.take(memory)
	defer p.p.Put(buf)
	B := (*buf)[:memory]
	initBlocks(&h0, B, uint32(threads))
	processBlocks(B, time, memory, uint32(threads))
	return extractKey(B, memory, uint32(threads), keyLen)
}

// take returns pooled memory of at least n blocks, or new memory when the
// pool has none that large (the smaller one is left to the collector).
func (p *Pool) take(n uint32) *[]block {
	if buf, ok := p.p.Get().(*[]block); ok && uint32(len(*buf)) >= n {
		return buf
	}
	buf := make([]block, n)
	return &buf
}

func initHash(password, salt []byte, time, memory, threads, keyLen uint32) [blake2b.Size + 8]byte {
	var (
		h0     [blake2b.Size + 8]byte
		params [24]byte
		tmp    [4]byte
	)

	b2, _ := blake2b.New512(nil)
	binary.LittleEndian.PutUint32(params[0:4], threads)
	binary.LittleEndian.PutUint32(params[4:8], keyLen)
	binary.LittleEndian.PutUint32(params[8:12], memory)
	binary.LittleEndian.PutUint32(params[12:16], time)
	binary.LittleEndian.PutUint32(params[16:20], uint32(version))
	binary.LittleEndian.PutUint32(params[20:24], uint32(argon2id))
	b2.Write(params[:])
	binary.LittleEndian.PutUint32(tmp[:], uint32(len(password)))
	b2.Write(tmp[:])
	b2.Write(password)
	binary.LittleEndian.PutUint32(tmp[:], uint32(len(salt)))
	b2.Write(tmp[:])
	b2.Write(salt)
	binary.LittleEndian.PutUint32(tmp[:], 0) // no secret
	b2.Write(tmp[:])
	binary.LittleEndian.PutUint32(tmp[:], 0) // no associated data
	b2.Write(tmp[:])
	b2.Sum(h0[:0])
	return h0
}

// initBlocks writes the first two blocks of each lane of B.
func initBlocks(h0 *[blake2b.Size + 8]byte, B []block, threads uint32) {
	var block0 [1024]byte
	memory := uint32(len(B))
	for lane := uint32(0); lane < threads; lane++ {
		j := lane * (memory / threads)
		binary.LittleEndian.PutUint32(h0[blake2b.Size+4:], lane)

		binary.LittleEndian.PutUint32(h0[blake2b.Size:], 0)
		blake2bHash(block0[:], h0[:])
		for i := range B[j+0] {
			B[j+0][i] = binary.LittleEndian.Uint64(block0[i*8:])
		}

		binary.LittleEndian.PutUint32(h0[blake2b.Size:], 1)
		blake2bHash(block0[:], h0[:])
		for i := range B[j+1] {
			B[j+1][i] = binary.LittleEndian.Uint64(block0[i*8:])
		}
	}
}

func processBlocks(B []block, time, memory, threads uint32) {
	lanes := memory / threads
	segments := lanes / syncPoints

	processSegment := func(n, slice, lane uint32, wg *sync.WaitGroup) {
		var addresses, in, zero block
		dataIndependent := n == 0 && slice < syncPoints/2 // Argon2id: the first half pass as Argon2i
		if dataIndependent {
			in[0] = uint64(n)
			in[1] = uint64(lane)
			in[2] = uint64(slice)
			in[3] = uint64(memory)
			in[4] = uint64(time)
			in[5] = uint64(argon2id)
		}

		index := uint32(0)
		if n == 0 && slice == 0 {
			index = 2 // we have already generated the first two blocks
			in[6]++
			processBlock(&addresses, &in, &zero)
			processBlock(&addresses, &addresses, &zero)
		}

		offset := lane*lanes + slice*segments + index
		var random uint64
		for index < segments {
			prev := offset - 1
			if index == 0 && slice == 0 {
				prev += lanes // last block in lane
			}
			if dataIndependent {
				if index%blockLength == 0 {
					in[6]++
					processBlock(&addresses, &in, &zero)
					processBlock(&addresses, &addresses, &zero)
				}
				random = addresses[index%blockLength]
			} else {
				random = B[prev][0]
			}
			newOffset := indexAlpha(random, lanes, segments, threads, n, slice, lane, index)
			if n == 0 { // the block still holds an earlier derivation's: overwrite it
				processBlock(&B[offset], &B[prev], &B[newOffset])
			} else {
				processBlockXOR(&B[offset], &B[prev], &B[newOffset])
			}
			index, offset = index+1, offset+1
		}
		wg.Done()
	}

	for n := uint32(0); n < time; n++ {
		for slice := uint32(0); slice < syncPoints; slice++ {
			var wg sync.WaitGroup
			for lane := uint32(0); lane < threads; lane++ {
				wg.Add(1)
				go processSegment(n, slice, lane, &wg)
			}
			wg.Wait()
		}
	}
}

func extractKey(B []block, memory, threads, keyLen uint32) []byte {
	lanes := memory / threads
	for lane := uint32(0); lane < threads-1; lane++ {
		for i, v := range B[(lane*lanes)+lanes-1] {
			B[memory-1][i] ^= v
		}
	}

	var block [1024]byte
	for i, v := range B[memory-1] {
		binary.LittleEndian.PutUint64(block[i*8:], v)
	}
	key := make([]byte, keyLen)
	blake2bHash(key, block[:])
	return key
}

func indexAlpha(rand uint64, lanes, segments, threads, n, slice, lane, index uint32) uint32 {
	refLane := uint32(rand>>32) % threads
	if n == 0 && slice == 0 {
		refLane = lane
	}
	m, s := 3*segments, ((slice+1)%syncPoints)*segments
	if lane == refLane {
		m += index
	}
	if n == 0 {
		m, s = slice*segments, 0
		if slice == 0 || lane == refLane {
			m += index
		}
	}
	if index == 0 || lane == refLane {
		m--
	}
	return phi(rand, uint64(m), uint64(s), refLane, lanes)
}

func phi(rand, m, s uint64, lane, lanes uint32) uint32 {
	p := rand & 0xFFFFFFFF
	p = (p * p) >> 32
	p = (p * m) >> 32
	return lane*lanes + uint32((s+m-(p+1))%uint64(lanes))
}
