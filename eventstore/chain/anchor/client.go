package anchor

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"time"

	"github.com/authledger/authledger/eventstore/chain"
	"github.com/digitorus/timestamp"

	_ "crypto/sha256" // the default imprint hash
	_ "crypto/sha512" // SHA-384 and SHA-512 imprints
)

// maxReply bounds a TSA's answer (a token with its certificate chain is a
// few kilobytes).
const maxReply = 1 << 20

// Client requests time-stamp tokens from one TSA over HTTP (RFC 3161
// section 3.4: POST application/timestamp-query).
type Client struct {
	URL  string
	Hash crypto.Hash  // imprint hash; zero means SHA-256
	HTTP *http.Client // nil: a client with a 30 s timeout
}

// hash returns the imprint hash.
func (c Client) hash() crypto.Hash {
	if c.Hash == 0 {
		return crypto.SHA256
	}
	return c.Hash
}

// Stamp asks the TSA for a token over cp's imprint and returns the DER
// TimeStampToken after checking that it answers this very request
// (imprint and nonce) and that its signature verifies.
func (c Client) Stamp(ctx context.Context, cp chain.Checkpoint) ([]byte, error) {
	nonce, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		return nil, err
	}
	req, err := timestamp.CreateRequest(bytes.NewReader(chain.SignedMessage(cp)),
		&timestamp.RequestOptions{Hash: c.hash(), Certificates: true, Nonce: nonce})
	if err != nil {
		return nil, fmt.Errorf("anchor: build request: %w", err)
	}
	body, err := c.post(ctx, req)
	if err != nil {
		return nil, err
	}
	ts, err := timestamp.ParseResponse(body)
	if err != nil {
		return nil, fmt.Errorf("anchor: TSA reply: %w", err)
	}
	if !bytes.Equal(ts.HashedMessage, Imprint(cp, c.hash())) || ts.HashAlgorithm != c.hash() {
		return nil, errors.New("anchor: the TSA stamped another imprint")
	}
	if ts.Nonce == nil || ts.Nonce.Cmp(nonce) != 0 {
		return nil, errors.New("anchor: the TSA reply does not carry the request's nonce")
	}
	return ts.RawToken, nil
}

// post sends a query and returns the reply body.
func (c Client) post(ctx context.Context, query []byte) ([]byte, error) {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, bytes.NewReader(query))
	if err != nil {
		return nil, fmt.Errorf("anchor: TSA URL: %w", err)
	}
	req.Header.Set("Content-Type", "application/timestamp-query")
	res, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("anchor: TSA request: %w", err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxReply))
	if err != nil {
		return nil, fmt.Errorf("anchor: TSA reply: %w", err)
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("anchor: the TSA answered %d", res.StatusCode)
	}
	return body, nil
}

// Imprint returns the digest a checkpoint's token must carry: h over
// chain.SignedMessage(cp).
func Imprint(cp chain.Checkpoint, h crypto.Hash) []byte {
	d := h.New()
	d.Write(chain.SignedMessage(cp))
	return d.Sum(nil)
}
