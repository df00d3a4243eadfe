package dev.claudemesh.install;

import dev.claudemesh.api.Endpoints;
import java.util.Objects;

/**
 * The thin launcher, {@code thin/claudemesh}: a POSIX sh script that runs the hooks and the status line with
 * one {@code curl} to the daemon — no JVM on the prompt path — and hands everything else (the MCP server, the
 * background waiter, any case it cannot handle: no curl, no daemon at SessionStart, a daemon of another
 * version) to the JVM launcher. Fails open and silent: daemon down, slow or broken → exit 0, nothing printed.
 *
 * <p>Before the token leaves, the daemon is shown to be this home's: the pid in {@code daemon.state} (a 0700
 * folder only this user writes) must be alive, owned by this user and running claudemesh. The token is read by
 * curl from the 0600 {@code auth.header} file ({@code -H @file}), never put on a command line. Output is printed
 * only once curl has the whole answer, and the lease is acked only after the output was written to claude.
 */
public record ThinLauncherScript(String curl, String version, InstallPaths paths) {
    /** Seconds a prompt-path hook waits for the daemon before giving up silently. */
    static final String FAST_TIMEOUT = "0.25";
    /** Seconds SessionStart waits (it registers the session; claude shows nothing while it runs). */
    static final String START_TIMEOUT = "2";

    /** An sh pattern for exactly {@code l_} and 12 of {@code [a-z0-9]}, the only lease ids the daemon makes. */
    static final String LEASE_PATTERN = "l_" + "[a-z0-9]".repeat(12);

    public ThinLauncherScript {
        Objects.requireNonNull(curl, "curl");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(paths, "paths");
    }

    /**
     * The background Stop waiter ({@code asyncRewake}): attach, then long-poll the daemon (the parked cost is this
     * sh and one curl, no thread in the daemon); deliver → the text on stderr and exit 2, which wakes the idle
     * claude. Ends when its claude is gone, when the daemon says exit (a newer waiter, the session ended), after
     * repeated failures, or at its time budget. In print mode it ends at once: claude -p would wait for it.
     */
    private static String waiter() {
        String marker = "-w '\\n#%{http_code} %header{x-claudemesh-thin} %header{x-claudemesh-waiter}"
                + " %header{x-claudemesh-seq}#'";
        return "if [ \"$ev\" = StopWaiter ]; then\n"
                + "  case ${CLAUDE_CODE_ENTRYPOINT:-cli} in cli) ;; *) cat >/dev/null; exit 0 ;; esac\n"
                + "  budget=${CLAUDEMESH_WAITER_SECONDS:-3590}\n"
                + "  case $budget in ''|*[!0-9]*) budget=3590 ;; esac\n"
                + "  end=$(( $(date +%s) + budget ))\n"
                + "  out=$(auth -m " + START_TIMEOUT + " --data-binary @- " + marker
                + " \"$base" + Endpoints.THIN_WAITER + "attach?claude_pid=$cp&hook_pid=$$\") || exit 0\n"
                + "  case $out in *\"$nl#\"*'#') ;; *) exit 0 ;; esac\n"
                + "  tail=${out##*\"$nl#\"}; set -- ${tail%'#'}\n"
                + "  [ \"${1:-}\" = 200 ] && [ \"${2:-}\" = 1 ] || exit 0\n"
                + "  set -- ${out%\"$nl#\"*}\n"
                + "  id=${1:-}; seq=${2:-}\n"
                + "  case $id in " + "[a-z0-9]".repeat(8) + ") ;; *) exit 0 ;; esac\n"
                + "  case $seq in ''|*[!0-9]*) exit 0 ;; esac\n"
                + "  fails=0\n"
                + "  while :; do\n"
                + "    now=$(date +%s); [ \"$now\" -lt \"$end\" ] || exit 0\n"
                + "    if [ \"$cp\" != 0 ] && [ ! -d \"/proc/$cp\" ]; then exit 0; fi\n"
                + "    t=$(( (end - now) * 1000 )); [ \"$t\" -le 50000 ] || t=50000\n"
                + "    if out=$(auth -m $(( t / 1000 + 10 )) -d '' " + marker
                + " \"$base" + Endpoints.THIN_WAITER + "wait?id=$id&hook_pid=$$&after=$seq&timeout=$t\"); then\n"
                + "      case $out in *\"$nl#\"*'#') ;; *) exit 0 ;; esac\n"
                + "      tail=${out##*\"$nl#\"}; body=${out%\"$nl#\"*}; set -- ${tail%'#'}\n"
                + "      [ \"${1:-}\" = 200 ] && [ \"${2:-}\" = 1 ] || exit 0\n"
                + "      case ${3:-} in\n"
                + "        deliver) printf '%s' \"$body\" >&2; exit 2 ;;\n"
                + "        wait) case ${4:-} in ''|*[!0-9]*) exit 0 ;; esac; seq=$4; fails=0 ;;\n"
                + "        *) exit 0 ;;\n"
                + "      esac\n"
                + "    else\n"
                + "      fails=$((fails + 1)); [ \"$fails\" -le 5 ] || exit 0; sleep 1\n"
                + "    fi\n"
                + "  done\n"
                + "fi\n";
    }

    /** Whether the thin launcher answers {@code verb} itself ({@code hook <event>}, {@code statusline}, {@code mcp}). */
    public static boolean handles(String verb) {
        return switch (verb) {
            case "hook SessionStart",
                    "hook UserPromptSubmit",
                    "hook Stop",
                    "hook SessionEnd",
                    "hook StopWaiter",
                    "statusline" -> true;
            default -> false;
        };
    }

    public String render() {
        String home = ShellWords.quote(paths.meshHome().toString());
        return "#!/bin/sh\n"
                + "# claudemesh thin launcher, written by `claudemesh install` (run it again to update this file;\n"
                + "# `claudemesh uninstall` removes it). Hooks and the status line: sh + curl, no JVM. Anything else\n"
                + "# runs the JVM launcher. Fails open: with the daemon down, slow or broken it prints nothing, exit 0.\n"
                + "jvm=" + ShellWords.quote(paths.launcher().toString()) + "\n"
                + "curl=" + ShellWords.quote(curl) + "\n"
                + "version=" + ShellWords.quote(version) + "\n"
                + "h=${CLAUDEMESH_HOME:-" + home + "}\n"
                + "case \"${1:-} ${2:-}\" in\n"
                + "  'hook SessionStart') ev=SessionStart; tmo=" + START_TIMEOUT + " ;;\n"
                + "  'hook UserPromptSubmit'|'hook Stop'|'hook SessionEnd') ev=$2; tmo=" + FAST_TIMEOUT + " ;;\n"
                + "  'hook StopWaiter') ev=StopWaiter; tmo=" + START_TIMEOUT + " ;;\n"
                + "  'statusline ') ev=StatusLine; tmo=" + FAST_TIMEOUT + " ;;\n"
                + "  *) exec \"$jvm\" \"$@\" ;;\n"
                + "esac\n"
                + "export CLAUDEMESH_HOME=\"$h\"\n"
                + "# not here: let the JVM path do it (SessionStart starts the daemon; others have nothing to do)\n"
                + "fallback() { if [ \"$ev\" = SessionStart ]; then exec \"$jvm\" \"$@\"; fi; cat >/dev/null; exit 0; }\n"
                + "[ -x \"$curl\" ] && [ -r \"$h/auth.header\" ] && [ -r \"$h/daemon.state\" ] || fallback \"$@\"\n"
                + "port=; pid=; ver=\n"
                + "while IFS='=' read -r k v; do\n"
                + "  case $k in port) port=$v ;; pid) pid=$v ;; version) ver=$v ;; esac\n"
                + "done < \"$h/daemon.state\"\n"
                + "case $port$pid in ''|*[!0-9]*) fallback \"$@\" ;; esac\n"
                + "[ -n \"$port\" ] && [ -n \"$pid\" ] && [ -O \"/proc/$pid\" ] || fallback \"$@\"\n"
                + "cmd=; read -r cmd < \"/proc/$pid/cmdline\" 2>/dev/null\n"
                + "case $cmd in *claudemesh*) ;; *) fallback \"$@\" ;; esac\n"
                + "[ \"$ev\" != SessionStart ] || [ \"$ver\" = \"$version\" ] || fallback \"$@\"\n"
                + "cp=${CLAUDE_PID:-0}\n"
                + "case $cp in ''|*[!0-9]*) cp=0 ;; esac\n"
                + "nl='\n'\n"
                + "# Claude Code's own messaging: on when claude gave its socket and token (the token is never sent)\n"
                + "bs=; [ -n \"${CLAUDE_CODE_MESSAGING_TOKEN:-}\" ] && bs=${CLAUDE_CODE_MESSAGING_SOCKET:-}\n"
                + "case $bs in *\"$nl\"*|*\"$(printf '\\r')\"*) bs= ;; esac\n"
                + "auth() { \"$curl\" -sf --noproxy '*' -H @\"$h/auth.header\" -H 'Content-Type: application/json' \"$@\"; }\n"
                + "base=\"http://127.0.0.1:$port\"\n"
                + waiter()
                + "out=$(\"$curl\" -sf --noproxy '*' -m \"$tmo\" -H @\"$h/auth.header\" -H 'Content-Type: application/json'"
                + " -H \"X-Claudemesh-Builtin: ${bs:+1 }${bs:-0}\""
                + " -H \"X-Claudemesh-Claude-Config: ${CLAUDE_CONFIG_DIR:-$HOME/.claude}\""
                + " --data-binary @- -w '\\n#%{http_code} %header{x-claudemesh-thin} %header{x-claudemesh-lease}#'"
                + " \"http://127.0.0.1:$port" + Endpoints.THIN_HOOKS + "$ev?claude_pid=$cp&hook_pid=$$\") || exit 0\n"
                + "# the answer counts only if it is whole, 200, and marked by the daemon's thin endpoint\n"
                + "case $out in *\"$nl#\"*'#') ;; *) exit 0 ;; esac\n"
                + "tail=${out##*\"$nl#\"}; tail=${tail%'#'}\n"
                + "body=${out%\"$nl#\"*}\n"
                + "set -- $tail\n"
                + "[ \"${1:-}\" = 200 ] && [ \"${2:-}\" = 1 ] || exit 0\n"
                + "lease=${3:-}\n"
                + "[ \"$ev\" = StatusLine ] || case $body in ''|'{'*) ;; *) exit 0 ;; esac\n"
                + "if [ -n \"$body\" ]; then printf '%s' \"$body\" || exit 0; fi\n"
                + "case $lease in\n"
                + "  " + LEASE_PATTERN + ") \"$curl\" -sf -o /dev/null --noproxy '*' -m " + FAST_TIMEOUT
                + " -H @\"$h/auth.header\" -H 'Content-Type: application/json' -d '{}'"
                + " \"http://127.0.0.1:$port" + Endpoints.LEASES + "$lease/ack\" ;;\n"
                + "esac\n"
                + "exit 0\n";
    }
}
