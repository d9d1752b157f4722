package wire

// Media is a Route.Response for an answer that is not JSON: its media
// type ("text/html"), which the OpenAPI document declares with a string
// body.
type Media string
