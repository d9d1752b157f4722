package eventstore

// This file fixes the codec API the rest of the code base programs against;
// codec.go, keyring.go and seal.go implement it.
//
//	NewRegistry() *Registry
//	Register[E domain.Event](r *Registry, schema int, up ...Upcaster) // name = zero E's EventType()
//	(*Registry).Types() []string
//	NewKeyring(ks KeyStore, kek []byte) *Keyring   // caches unwrapped data keys
//	DeriveKEK(secret []byte) []byte                // HKDF-SHA256, 32 bytes
//	(*Keyring).Ensure(ctx, subject) error          // creates the subject's key once
//	(*Keyring).Forget(ctx, subject) error          // destroys it (and the cache entry)
//	NewCodec(r *Registry, k *Keyring) *Codec
//	(*Codec).Encode(ctx, ev domain.Event, meta domain.Metadata, keyRef string) (EventData, error)
//	(*Codec).Decode(ctx, rec Record) (domain.Event, domain.Metadata, error)
//	Load[S, C any](ctx, s Store, c *Codec, d domain.Decider[S, C], stream string) (S, uint64, error)
