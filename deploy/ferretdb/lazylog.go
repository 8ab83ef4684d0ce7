package main

import (
	"context"
	"log/slog"
)

// lazyHandler keeps the attributes given to Logger.With unformatted until a record
// is actually written.
//
// FerretDB 1.24 calls Logger.With(args...) for every SQL statement, before a Debug
// call that is almost always disabled; slog's TextHandler formats those attributes
// at once (each inserted document, quoted). Measured on audit submissions: a tenth
// of the store's CPU went on text nobody logged.
type lazyHandler struct {
	inner slog.Handler
	attrs []slog.Attr
}

func (h lazyHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.inner.Enabled(ctx, level)
}

func (h lazyHandler) Handle(ctx context.Context, r slog.Record) error {
	return h.materialised().Handle(ctx, r)
}

func (h lazyHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	kept := make([]slog.Attr, 0, len(h.attrs)+len(attrs))
	return lazyHandler{inner: h.inner, attrs: append(append(kept, h.attrs...), attrs...)}
}

// WithGroup applies the attributes so far, so they stay outside the group.
func (h lazyHandler) WithGroup(name string) slog.Handler {
	return lazyHandler{inner: h.materialised().WithGroup(name)}
}

func (h lazyHandler) materialised() slog.Handler {
	if len(h.attrs) == 0 {
		return h.inner
	}
	return h.inner.WithAttrs(h.attrs)
}
