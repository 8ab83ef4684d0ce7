// Command qa-ferretdb runs FerretDB 1.24 (SQLite storage) embedded, as the
// project's MongoDB-compatible store for local runs and tests.
//
// The upstream `go install .../cmd/ferretdb` binary panics at start (its version
// files are generated at release time), so we embed the supported package instead.
//
// Usage:
//
//	qa-ferretdb [-listen 127.0.0.1:27018] [-data var/ferretdb] [-log-level info]
//	qa-ferretdb -ping [-listen 127.0.0.1:27018]   # exit 0 if the store answers a MongoDB ping
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	_ "net/http/pprof" // served only with -pprof
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/FerretDB/wire/wireclient"
)

// env returns the environment variable k, or def when it is unset or empty.
func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func main() {
	listen := flag.String("listen", env("QA_STORE_LISTEN", "127.0.0.1:27018"), "TCP address to listen on (env QA_STORE_LISTEN)")
	data := flag.String("data", env("QA_STORE_DATA", "var/ferretdb"), "directory for the SQLite files (env QA_STORE_DATA)")
	level := flag.String("log-level", env("QA_STORE_LOG_LEVEL", "info"), "debug, info, warn or error (env QA_STORE_LOG_LEVEL)")
	// SQLite's advice for WAL mode: synchronous=NORMAL. A commit survives the process
	// dying (the store, or a service mid-request); only an operating-system crash or a
	// power cut can lose the last commits. FULL syncs the log on every commit, which costs
	// a disk flush per write (three per request on the hot path). Production runs on a
	// MongoDB replica set, not this store.
	sync := flag.String("sync", env("QA_STORE_SYNC", "normal"), "SQLite synchronous: normal or full (env QA_STORE_SYNC)")
	pprof := flag.String("pprof", env("QA_STORE_PPROF", ""), "serve Go's pprof profiles on this address, e.g. 127.0.0.1:6060 (env QA_STORE_PPROF; off when empty)")
	ping := flag.Bool("ping", false, "send a MongoDB ping to -listen and exit 0 if it answers ok")
	flag.Parse()

	if *ping {
		os.Exit(doPing(*listen))
	}

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fmt.Fprintln(os.Stderr, "qa-ferretdb: bad -log-level:", err)
		os.Exit(2)
	}
	if *sync != "normal" && *sync != "full" {
		fmt.Fprintln(os.Stderr, "qa-ferretdb: -sync must be normal or full")
		os.Exit(2)
	}
	logger := slog.New(lazyHandler{inner: slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl})})

	// FerretDB's SQLite handler wants an existing directory as a "file:" URI ending in "/".
	dir, err := filepath.Abs(*data)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		logger.Error("data directory", "dir", *data, "err", err)
		os.Exit(1)
	}

	// Telemetry: the embedded package never starts the telemetry reporter and
	// locks it off itself (ferretdb.New calls DisableTelemetry; there is no
	// Config field for it in 1.24). DO_NOT_TRACK is only read by upstream's
	// cmd/ferretdb; the start script sets it anyway, harmlessly.
	logger.Info("qa-ferretdb starting", "listen", *listen, "data", dir, "sync", *sync)
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/?_pragma=synchronous(" + *sync + ")",
	})
	if err != nil {
		logger.Error("start", "err", err)
		os.Exit(1)
	}

	if *pprof != "" { // where the store spends its CPU: go tool pprof http://ADDR/debug/pprof/profile
		go func() { logger.Warn("pprof stopped", "err", http.ListenAndServe(*pprof, nil)) }()
	}

	// SIGTERM/SIGINT cancel ctx; Run then closes the listener, connections and SQLite.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	if err := f.Run(ctx); err != nil {
		logger.Error("run", "err", err)
		os.Exit(1)
	}
	logger.Info("qa-ferretdb stopped")
}

// doPing sends one MongoDB `ping` command over the wire protocol (5 s budget).
func doPing(addr string) int {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	conn, err := wireclient.Connect(ctx, "mongodb://"+addr+"/", quiet)
	if err == nil {
		defer conn.Close()
		err = conn.Ping(ctx)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "qa-ferretdb: ping:", err)
		return 1
	}
	return 0
}
