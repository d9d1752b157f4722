package main

import (
	"bufio"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// The deployment files, relative to this package's directory.
const (
	composeFile   = "../../docker-compose.yml"
	dockerfile    = "Dockerfile"
	caddyfile     = "deploy/Caddyfile"
	nodeEnvFile   = "deploy/authledger.env"
	pgEnvFile     = "deploy/postgres.env"
	imageDockerfi = "cmd/authledger/Dockerfile" // as compose names it, from the repository root
)

// loadCompose loads docker-compose.yml with compose-go exactly as
// `docker compose` would, in a copy of the repository's deployment files
// whose env files are the committed examples, with the given shell
// environment (for interpolation).
func loadCompose(t *testing.T, env map[string]string) *types.Project {
	t.Helper()
	root := t.TempDir()
	copyFile(t, composeFile, filepath.Join(root, "docker-compose.yml"))
	for src, dst := range map[string]string{dockerfile: dockerfile, caddyfile: caddyfile,
		nodeEnvFile + ".example": nodeEnvFile, pgEnvFile + ".example": pgEnvFile} {
		copyFile(t, src, filepath.Join(root, "cmd/authledger", dst))
	}
	p, err := loader.LoadWithContext(t.Context(), types.ConfigDetails{WorkingDir: root,
		ConfigFiles: []types.ConfigFile{{Filename: filepath.Join(root, "docker-compose.yml")}}, Environment: env})
	if err != nil {
		t.Fatalf("compose-go refuses docker-compose.yml: %v", err)
	}
	return p
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// ourImage reports whether a service runs the authledger image built from
// cmd/authledger/Dockerfile.
func ourImage(s types.ServiceConfig) bool {
	return s.Build != nil && s.Build.Dockerfile == imageDockerfi
}

// nodes are the services that run "serve" (the image's default command).
func nodes(p *types.Project) map[string]types.ServiceConfig {
	out := map[string]types.ServiceConfig{}
	for name, s := range p.Services {
		if ourImage(s) && (len(s.Command) == 0 || s.Command[0] == "serve") {
			out[name] = s
		}
	}
	return out
}

// knownEnv is every environment variable the binary reads: the settings
// table's names.
func knownEnv() map[string]bool {
	m := map[string]bool{}
	for _, s := range settings {
		m[s.env] = true
	}
	return m
}

// TestComposeEnvIsRead: every AUTHLEDGER_* variable the compose file (its
// environment and env files) or the Dockerfile sets is one the binary
// reads, and the secrets come from env files, not the compose file.
func TestComposeEnvIsRead(t *testing.T) {
	known := knownEnv()
	p := loadCompose(t, nil)
	for name, s := range p.Services {
		for k := range s.Environment {
			if strings.HasPrefix(k, "AUTHLEDGER_") && !known[k] {
				t.Errorf("service %s sets %s, which authledger does not read", name, k)
			}
		}
	}
	df := dockerfileInstructions(t)
	for _, env := range df["ENV"] {
		for _, kv := range strings.Fields(env) {
			k, _, _ := strings.Cut(kv, "=")
			if strings.HasPrefix(k, "AUTHLEDGER_") && !known[k] {
				t.Errorf("the Dockerfile sets %s, which authledger does not read", k)
			}
		}
	}
	raw, err := os.ReadFile(composeFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"AUTHLEDGER_SECRET", "AUTHLEDGER_ADMIN_KEY", "AUTHLEDGER_DATABASE_URL", "POSTGRES_PASSWORD"} {
		if strings.Contains(string(raw), secret+":") || strings.Contains(string(raw), secret+"=") {
			t.Errorf("docker-compose.yml sets %s itself; secrets belong in an env file", secret)
		}
	}
	for name, s := range nodes(p) {
		for _, k := range []string{"AUTHLEDGER_SECRET", "AUTHLEDGER_ADMIN_KEY", "AUTHLEDGER_DATABASE_URL"} {
			if v := s.Environment[k]; v == nil || *v == "" {
				t.Errorf("node %s gets no %s from its env file", name, k)
			}
		}
	}
	if _, leaked := p.Services["postgres"].Environment["AUTHLEDGER_SECRET"]; leaked {
		t.Error("the database container gets the authledger secret")
	}
}

// TestComposeOneOrigin: with the default and with a TLS public URL, every
// node's base URL is the proxy's site address, the proxy publishes that
// origin's port, the nodes publish nothing of their own, and the Caddyfile
// proxies to every node on the port it listens on.
func TestComposeOneOrigin(t *testing.T) {
	upstreams, siteVar := caddyUpstreams(t)
	for _, public := range []string{"", "https://auth.example.com"} {
		t.Run("public="+public, func(t *testing.T) {
			env := map[string]string{}
			want := "http://localhost"
			if public != "" {
				env["AUTHLEDGER_PUBLIC_URL"], want = public, public
			}
			p := loadCompose(t, env)
			proxy, ok := p.Services["proxy"]
			if !ok {
				t.Fatal("no proxy service")
			}
			if site := proxy.Environment[siteVar]; site == nil || *site != want {
				t.Errorf("proxy %s = %q, want %s", siteVar, deref(site), want)
			}
			u, err := url.Parse(want)
			if err != nil {
				t.Fatal(err)
			}
			port := map[string]uint32{"http": 80, "https": 443}[u.Scheme]
			if !slices.ContainsFunc(proxy.Ports, func(pc types.ServicePortConfig) bool {
				return pc.Target == port && pc.Published == strconv.FormatUint(uint64(port), 10)
			}) {
				t.Errorf("proxy does not publish %d for %s: %+v", port, want, proxy.Ports)
			}
			ns := nodes(p)
			if len(ns) < 2 {
				t.Fatalf("want two nodes, have %d", len(ns))
			}
			for name, s := range ns {
				if b := s.Environment["AUTHLEDGER_BASE_URL"]; b == nil || *b != want {
					t.Errorf("node %s base URL %q, want the public origin %s", name, deref(b), want)
				}
				if len(s.Ports) != 0 {
					t.Errorf("node %s publishes %+v: browsers must come through the proxy's one origin", name, s.Ports)
				}
				addr := s.Environment["AUTHLEDGER_ADDR"]
				if addr == nil {
					t.Fatalf("node %s has no AUTHLEDGER_ADDR", name)
				}
				_, nodePort, _ := net.SplitHostPort(*addr)
				if !slices.Contains(upstreams, name+":"+nodePort) {
					t.Errorf("the Caddyfile does not proxy to %s:%s (upstreams %v)", name, nodePort, upstreams)
				}
				if s.Restart == "" || s.Restart == "no" {
					t.Errorf("node %s has no restart policy", name)
				}
			}
			for _, up := range upstreams {
				host, _, _ := strings.Cut(up, ":")
				if _, ok := ns[host]; !ok {
					t.Errorf("the Caddyfile proxies to %s, which is not a node", up)
				}
			}
			if !slices.ContainsFunc(proxy.Volumes, func(v types.ServiceVolumeConfig) bool {
				return strings.HasSuffix(v.Source, "cmd/authledger/deploy/Caddyfile") && v.Target == "/etc/caddy/Caddyfile"
			}) {
				t.Error("the proxy does not mount cmd/authledger/deploy/Caddyfile")
			}
		})
	}
}

// deref is *p, or "" for nil (an unset variable).
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// TestDeployHealthChecksHitRealRoutes: the compose nodes', the image's and
// the proxy's health checks name this binary's healthcheck command on the
// node's own port, and their paths are routes a real server answers 200.
func TestDeployHealthChecksHitRealRoutes(t *testing.T) {
	var probes []string // health URLs' paths
	p := loadCompose(t, nil)
	for name, s := range nodes(p) {
		if s.HealthCheck == nil || len(s.HealthCheck.Test) < 5 {
			t.Fatalf("node %s has no health check", name)
		}
		test := s.HealthCheck.Test
		if test[0] != "CMD" || test[1] != "/authledger" || test[2] != "healthcheck" || test[3] != "--url" {
			t.Fatalf("node %s health check %q does not run authledger healthcheck --url", name, test)
		}
		_, nodePort, _ := net.SplitHostPort(*s.Environment["AUTHLEDGER_ADDR"])
		probes = append(probes, checkProbeURL(t, "node "+name, test[4], nodePort))
	}
	df := dockerfileInstructions(t)
	hc := strings.Join(df["HEALTHCHECK"], " ")
	var cmd []string
	if i := strings.Index(hc, "CMD ["); i < 0 || json.Unmarshal([]byte(hc[i+4:]), &cmd) != nil || len(cmd) != 4 ||
		cmd[0] != "/authledger" || cmd[1] != "healthcheck" || cmd[2] != "--url" {
		t.Fatalf("Dockerfile HEALTHCHECK %q does not run /authledger healthcheck --url", hc)
	}
	imagePort := ""
	for _, env := range df["ENV"] {
		for _, kv := range strings.Fields(env) {
			if addr, ok := strings.CutPrefix(kv, "AUTHLEDGER_ADDR="); ok {
				_, imagePort, _ = net.SplitHostPort(addr)
			}
		}
	}
	probes = append(probes, checkProbeURL(t, "Dockerfile", cmd[3], imagePort))
	if u := df["USER"]; len(u) != 1 || strings.HasPrefix(u[0], "0") || strings.HasPrefix(u[0], "root") {
		t.Errorf("the image runs as %q, want a non-root user", u)
	}
	probes = append(probes, caddyHealthURI(t))

	s := startServer(t, t.TempDir())
	for _, path := range probes {
		res, err := http.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("health route %s answers %d", path, res.StatusCode)
		}
	}
}

// checkProbeURL checks a health URL targets the node itself on port and
// returns its path.
func checkProbeURL(t *testing.T, who, raw, port string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Hostname() != "127.0.0.1" || u.Port() != port {
		t.Errorf("%s probes %q, want http://127.0.0.1:%s/…", who, raw, port)
	}
	if u == nil || (u.Path != "/readyz" && u.Path != "/healthz") {
		t.Errorf("%s probes %q, want /readyz or /healthz", who, raw)
		return "/readyz"
	}
	return u.Path
}

// dockerfileInstructions reads the Dockerfile's final stage.
func dockerfileInstructions(t *testing.T) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	return parseDockerfile(string(b))
}

// parseDockerfile maps each instruction of the last stage in src to its
// arguments (continuation lines joined, comments dropped).
func parseDockerfile(src string) map[string][]string {
	out := map[string][]string{}
	var cur string
	sc := bufio.NewScanner(strings.NewReader(src))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cur += line
		if strings.HasSuffix(cur, "\\") {
			cur = strings.TrimSuffix(cur, "\\") + " "
			continue
		}
		instr, args, _ := strings.Cut(cur, " ")
		instr = strings.ToUpper(instr)
		if instr == "FROM" {
			out = map[string][]string{} // keep the last stage only
		}
		out[instr] = append(out[instr], strings.TrimSpace(args))
		cur = ""
	}
	return out
}

// caddyUpstreams returns the Caddyfile's reverse_proxy upstreams and the
// environment variable its site address comes from.
func caddyUpstreams(t *testing.T) (upstreams []string, siteVar string) {
	t.Helper()
	for _, line := range caddyLines(t) {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[1] == "{" && strings.HasPrefix(f[0], "{$"):
			siteVar = strings.TrimSuffix(strings.TrimPrefix(f[0], "{$"), "}")
		case len(f) > 1 && f[0] == "reverse_proxy":
			for _, u := range f[1:] {
				if u != "{" {
					upstreams = append(upstreams, u)
				}
			}
		}
	}
	if siteVar == "" || len(upstreams) == 0 {
		t.Fatalf("the Caddyfile has no {$VAR} site (%q) or no upstreams (%v)", siteVar, upstreams)
	}
	return upstreams, siteVar
}

// caddyHealthURI is the path of the proxy's active health checks.
func caddyHealthURI(t *testing.T) string {
	t.Helper()
	for _, line := range caddyLines(t) {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "health_uri" {
			return f[1]
		}
	}
	t.Fatal("the Caddyfile has no health_uri")
	return ""
}

func caddyLines(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(caddyfile)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}
