// Package ratelimit implements Better Auth's default request limiter, the
// client-IP resolution it keys on, and a per-account failure lockout that
// Better Auth lacks.
//
// Limiter counts requests in fixed windows per (client IP, bucket). The
// rules are Better Auth 1.7.25's defaults (plus its twoFactor plugin rule);
// the most specific matching rule applies. The catch-all rule keeps one
// bucket per path, as Better Auth does; the stricter rules share one bucket
// per client across their paths (/sign-in/email and /sign-in/social count
// together), which is stricter than Better Auth and never looser. IPv6
// clients are keyed by their /64, as Better Auth does by default.
//
// Memory is bounded: keys live in 64 shards capped at MaxEntries in total;
// expired windows are swept as each shard is used, and a full shard evicts
// an arbitrary entry. An entry costs roughly 150 bytes, so the default of
// 100 000 keys stays around 15 MiB.
//
// Everything takes the current time as an argument, so tests never sleep.
//
// Why not golang.org/x/time/rate (or Echo's rate-limiter middleware, built
// on it): those are token buckets, while Better Auth counts requests in
// fixed windows per rule and reports the rest of the window in
// X-Retry-After; a bucket would refuse and release at other moments than
// the clients and conformance tests expect. The bounded, sharded key map
// and the lockout have no library counterpart either.
package ratelimit
