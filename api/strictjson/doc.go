// Package strictjson decodes JSON request bodies strictly, closing the gaps
// Go's encoding/json leaves open at a trust boundary:
//
//   - invalid UTF-8 and unpaired UTF-16 surrogate escapes are rejected (Go
//     would silently turn both into U+FFFD, so two different passwords could
//     collide);
//   - nesting deeper than MaxDepth is rejected;
//   - duplicate keys are rejected at every level (Go keeps the last one), and
//     so are two keys of one struct object that differ only by case;
//   - keys must match a struct field's JSON name exactly (Go matches
//     case-insensitively, so {"EMAIL": …} would fill Email);
//   - unknown keys are rejected unless the caller allows them as extras;
//   - strings must not contain the NUL character (U+0000), which no field
//     needs and PostgreSQL's text columns cannot store;
//   - values must have the field's type (null only for pointers, maps,
//     slices, interfaces and json.Unmarshaler types);
//   - nothing may follow the top-level value.
//
// Errors are *domain.Error values. Malformed input gets CodeBadRequest with
// Better Auth's message "Invalid JSON in request body"; well-formed input
// with the wrong shape gets CodeValidation with a Better Auth style message
// naming the field ("[body.email] Invalid input: expected string, received
// array"). Messages never echo a submitted value.
package strictjson
