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
    /** Seconds the background waiter keeps trying to reach a daemon that went away before it gives up. */
    static final int RECONNECT_SECONDS = 60;

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
     * claude. Ends when its claude is gone, when the daemon says exit (a newer waiter, the session ended), at its
     * time budget, or after {@link #RECONNECT_SECONDS} without a daemon. When the daemon goes away (restart, kill -9)
     * it starts one in the background, re-reads {@code daemon.state} (a new port) and attaches again with claude's
     * Stop stdin, which it keeps. In print mode it ends at once: claude -p would wait for it.
     */
    private static String waiter() {
        String marker = "-w '\\n#%{http_code} %header{x-claudemesh-thin} %header{x-claudemesh-waiter}"
                + " %header{x-claudemesh-seq}#'";
        return "if [ \"$ev\" = StopWaiter ]; then\n"
                + "  case ${CLAUDE_CODE_ENTRYPOINT:-cli} in cli) ;; *) cat >/dev/null; exit 0 ;; esac\n"
                + "  [ -x \"$curl\" ] || exec \"$jvm\" \"$@\"\n"
                + "  payload=$(cat)\n"
                + "  budget=${CLAUDEMESH_WAITER_SECONDS:-3590}\n"
                + "  case $budget in ''|*[!0-9]*) budget=3590 ;; esac\n"
                + "  end=$(( $(date +%s) + budget ))\n"
                + "  id=; seq=; since=0\n"
                + "  while :; do\n"
                + "    now=$(date +%s); [ \"$now\" -lt \"$end\" ] || exit 0\n"
                + "    if [ \"$cp\" != 0 ] && [ ! -d \"/proc/$cp\" ]; then exit 0; fi\n"
                + "    ok=\n"
                + "    if [ -z \"$id\" ]; then\n"
                + "      if locate; then\n"
                + "        if out=$(printf '%s' \"$payload\" | auth -m " + START_TIMEOUT + " --data-binary @- " + marker
                + " \"$base" + Endpoints.THIN_WAITER + "attach?claude_pid=$cp&hook_pid=$$\"); then\n"
                + "          case $out in *\"$nl#\"*'#') ;; *) exit 0 ;; esac\n"
                + "          tail=${out##*\"$nl#\"}; set -- ${tail%'#'}\n"
                + "          [ \"${1:-}\" = 200 ] && [ \"${2:-}\" = 1 ] || exit 0\n"
                + "          set -- ${out%\"$nl#\"*}\n"
                + "          id=${1:-}; seq=${2:-}\n"
                + "          case $id in " + "[a-z0-9]".repeat(8) + ") ;; *) exit 0 ;; esac\n"
                + "          case $seq in ''|*[!0-9]*) exit 0 ;; esac\n"
                + "          ok=1\n"
                + "        fi\n"
                + "      else\n"
                + "        start_daemon\n"
                + "      fi\n"
                + "    else\n"
                + "      t=$(( (end - now) * 1000 )); [ \"$t\" -le 50000 ] || t=50000\n"
                + "      if out=$(auth -m $(( t / 1000 + 10 )) -d '' " + marker
                + " \"$base" + Endpoints.THIN_WAITER + "wait?id=$id&hook_pid=$$&after=$seq&timeout=$t\"); then\n"
                + "        case $out in *\"$nl#\"*'#') ;; *) exit 0 ;; esac\n"
                + "        tail=${out##*\"$nl#\"}; body=${out%\"$nl#\"*}; set -- ${tail%'#'}\n"
                + "        [ \"${1:-}\" = 200 ] && [ \"${2:-}\" = 1 ] || exit 0\n"
                + "        case ${3:-} in\n"
                + "          deliver) printf '%s' \"$body\" >&2; exit 2 ;;\n"
                + "          wait) case ${4:-} in ''|*[!0-9]*) exit 0 ;; esac; seq=$4; ok=1 ;;\n"
                + "          *) exit 0 ;;\n"
                + "        esac\n"
                + "      else\n"
                + "        id=\n"
                + "      fi\n"
                + "    fi\n"
                + "    if [ -n \"$ok\" ]; then since=0; continue; fi\n"
                + "    [ \"$since\" != 0 ] || since=$now\n"
                + "    [ $(( now - since )) -le " + RECONNECT_SECONDS + " ] || exit 0\n"
                + "    sleep 1\n"
                + "  done\n"
                + "fi\n";
    }

    /**
     * {@code locate}: reads {@code daemon.state} and shows its pid is this user's claudemesh (else returns 1); sets
     * {@code port}, {@code ver} and {@code base}. {@code start_daemon}: starts the JVM daemon in the background, in a
     * session of its own (detached from claude, which waits for no output of it), its output to {@code daemon.log},
     * unless one is on its way: the home's {@code daemon.lock} is held, or a hook started one less than 10 s ago
     * ({@code daemon.spawned}, shared with the JVM hooks). It costs no process while the daemon is up.
     */
    private static String functions() {
        return "locate() {\n"
                + "  port=; pid=; ver=\n"
                + "  [ -r \"$h/auth.header\" ] && [ -r \"$h/daemon.state\" ] || return 1\n"
                + "  while IFS='=' read -r k v; do\n"
                + "    case $k in port) port=$v ;; pid) pid=$v ;; version) ver=$v ;; esac\n"
                + "  done < \"$h/daemon.state\"\n"
                + "  case $port$pid in ''|*[!0-9]*) return 1 ;; esac\n"
                + "  [ -n \"$port\" ] && [ -n \"$pid\" ] && [ -O \"/proc/$pid\" ] || return 1\n"
                + "  cmd=; read -r cmd < \"/proc/$pid/cmdline\" 2>/dev/null\n"
                + "  case $cmd in *claudemesh*) ;; *) return 1 ;; esac\n"
                + "  base=\"http://127.0.0.1:$port\"\n"
                + "}\n"
                + "start_daemon() {\n"
                + "  st=$(stat -c %Y \"$h/daemon.spawned\" 2>/dev/null) && [ $(( $(date +%s) - st )) -lt 10 ] && return 0\n"
                + "  if ino=$(stat -c %i \"$h/daemon.lock\" 2>/dev/null) && [ -r /proc/locks ]; then\n"
                + "    while read -r _ b _ _ _ f _; do\n"
                + "      case $b$f in '->'*) ;; *:\"$ino\") return 0 ;; esac\n"
                + "    done < /proc/locks\n"
                + "  fi\n"
                + "  mkdir -p \"$h\" && : > \"$h/daemon.spawned\" || return 0\n"
                + "  if [ -x /usr/bin/setsid ]; then set -- /usr/bin/setsid \"$jvm\"; else set -- \"$jvm\"; fi\n"
                + "  \"$@\" daemon --if-absent </dev/null >>\"$h/daemon.log\" 2>&1 &\n"
                + "}\n";
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
                + "cp=${CLAUDE_PID:-0}\n"
                + "case $cp in ''|*[!0-9]*) cp=0 ;; esac\n"
                + "nl='\n'\n"
                + "auth() { \"$curl\" -sf --noproxy '*' -H @\"$h/auth.header\" -H 'Content-Type: application/json' \"$@\"; }\n"
                + functions()
                + "# no daemon here: SessionStart lets the JVM path start one and wait for it; the others start one in\n"
                + "# the background (the next hook registers the session) and print nothing; an ending session needs none\n"
                + "fallback() {\n"
                + "  if [ \"$ev\" = SessionStart ]; then exec \"$jvm\" \"$@\"; fi\n"
                + "  [ \"$ev\" = SessionEnd ] || start_daemon\n"
                + "  cat >/dev/null; exit 0\n"
                + "}\n"
                + waiter()
                + "if [ ! -x \"$curl\" ]; then [ \"$ev\" != SessionStart ] || exec \"$jvm\" \"$@\"; cat >/dev/null; exit 0; fi\n"
                + "locate || fallback \"$@\"\n"
                + "[ \"$ev\" != SessionStart ] || [ \"$ver\" = \"$version\" ] || fallback \"$@\"\n"
                + "# Claude Code's own messaging: on when claude gave its socket and token (the token is never sent)\n"
                + "bs=; [ -n \"${CLAUDE_CODE_MESSAGING_TOKEN:-}\" ] && bs=${CLAUDE_CODE_MESSAGING_SOCKET:-}\n"
                + "case $bs in *\"$nl\"*|*\"$(printf '\\r')\"*) bs= ;; esac\n"
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
