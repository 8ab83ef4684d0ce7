package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestLazyHandlerWritesWithAttributesOnlyWhenEnabled(t *testing.T) {
	var out bytes.Buffer
	logger := slog.New(lazyHandler{inner: slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelInfo})})

	logger.With("args", "secret-free").Debug("not written")
	if out.Len() != 0 {
		t.Fatalf("debug record written: %q", out.String())
	}

	logger.With("conn", "a").With("n", 2).WithGroup("g").Info("written", "inside", true)
	got := out.String()
	for _, want := range []string{"msg=written", "conn=a", "n=2", "g.inside=true"} {
		if !strings.Contains(got, want) {
			t.Fatalf("want %q in %q", want, got)
		}
	}
	if strings.Contains(got, "g.conn") {
		t.Fatalf("attributes before WithGroup moved into the group: %q", got)
	}
}
