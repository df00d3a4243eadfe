package dev.claudemesh.install;

import dev.claudemesh.api.Endpoints;
import java.util.Objects;

/**
 * The thin launcher, {@code thin/claudemesh}: a POSIX sh script that runs the hooks, the status line, the
 * background waiter and the MCP server against the daemon — no JVM per prompt or per session — and hands
 * everything else (the CLI, any case it cannot handle: no curl, no daemon at SessionStart, a daemon of another
 * version) to the JVM launcher. Fails open and silent: daemon down, slow or broken → exit 0, nothing printed.
 * A hook call or the status line {@code exec}s bash 5 ({@link #HOOK}: one POST over {@code /dev/tcp}, no process
 * started), else one curl; the waiter parks on bash ({@link #BASH_POLL}) or curl; the MCP server uses curl.
 *
 * <p>Before the token leaves, the daemon is shown to be this home's: the pid in {@code daemon.state} (a 0700
 * folder only this user writes) must be alive, owned by this user and running claudemesh (and, for a hook call,
 * not stopped: its connection would never be answered). The token is read from the 0600 {@code auth.header} file
 * by bash into its memory or by curl ({@code -H @file}), never put on a command line. Output is printed only once
 * the whole answer is in, and the lease is acked only after the output was written to claude.
 */
public record ThinLauncherScript(String curl, String version, InstallPaths paths) {
    /** Seconds a prompt-path hook waits for the daemon before giving up silently. */
    static final String FAST_TIMEOUT = "0.25";
    /** {@link #FAST_TIMEOUT} in milliseconds, for the bash path. */
    static final int FAST_MILLIS = 250;
    /** Seconds SessionStart waits (it registers the session; claude shows nothing while it runs). */
    static final String START_TIMEOUT = "2";
    /** {@link #START_TIMEOUT} in milliseconds, for the bash path. */
    static final int START_MILLIS = 2000;
    /**
     * Bytes of hook stdin the bash path writes to the socket itself; a bigger one goes by curl, whose time-out also
     * bounds the write (a daemon that stopped reading could block bash's write, which no {@code read -t} bounds).
     */
    static final int BASH_MAX_BODY = 64 * 1024;
    /** Seconds the background waiter keeps trying to reach a daemon that went away before it gives up. */
    static final int RECONNECT_SECONDS = 60;

    /** An sh pattern for exactly {@code l_} and 12 of {@code [a-z0-9]}, the only lease ids the daemon makes. */
    static final String LEASE_PATTERN = "l_" + "[a-z0-9]".repeat(12);

    /**
     * One hook call or status line in bash ({@code thin-hook.bash}, run as {@code bash -p -c} before the sh launcher
     * reads on): the daemon located and proven as the sh launcher does it (else the call goes back to its curl path),
     * claude's stdin POSTed over {@code /dev/tcp} with the Authorization header read into bash's memory, the answer
     * read to the end of the connection (HTTP/1.0 and {@code Connection: close}, so never chunked) and taken only when
     * whole (Content-Length bytes), every wait by one deadline ({@code read -t} of what is left of it; of claude's
     * stdin only the first byte: {@code -t} costs bash two syscalls per byte), then printed, then the lease acked.
     */
    static final String HOOK = resource("thin-hook.bash")
            .replace("@THIN_HOOKS@", Endpoints.THIN_HOOKS)
            .replace("@LEASES@", Endpoints.LEASES)
            .replace("@LEASE@", LEASE_PATTERN)
            .replace("@BIG1@", Integer.toString(BASH_MAX_BODY + 1))
            .replace("@BIG@", Integer.toString(BASH_MAX_BODY));

    public ThinLauncherScript {
        Objects.requireNonNull(curl, "curl");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(paths, "paths");
    }

    /**
     * One long-poll of the thin waiter route by bash over {@code /dev/tcp}, printing what the curl it stands in for
     * prints: the body, then {@code \n#<status> <x-claudemesh-thin> <x-claudemesh-waiter> <x-claudemesh-seq>#};
     * exit 7 when it cannot connect, 22 for an HTTP error (as {@code curl -f}), 28 at its time-out. Arguments: port,
     * path, the 0600 Authorization header file (the token stays in bash's memory, never on a command line), seconds.
     * HTTP/1.0, so the answer is never chunked and ends when the daemon closes the connection. Every read has a
     * time-out: no wait outlives the long-poll's own bound by more than seconds.
     */
    static final String BASH_POLL = """
            exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null || exit 7
            IFS= read -r auth < "$3" || exit 26
            printf 'POST %s HTTP/1.0\\r\\nHost: 127.0.0.1:%s\\r\\n%s\\r\\nContent-Length: 0\\r\\n\\r\\n' "$2" "$1" "$auth" >&3 || exit 55
            auth=
            IFS= read -r -t "$4" st <&3 || exit 28
            set -- ${st%$'\\r'}; code=${2:-0}
            case $code in [23]??) ;; *) exit 22 ;; esac
            thin=; verdict=; seq=
            while IFS= read -r -t 10 l <&3; do
              l=${l%$'\\r'}; [ -n "$l" ] || break
              v=${l#*:}; v=${v# }
              case ${l,,} in x-claudemesh-thin:*) thin=$v ;; x-claudemesh-waiter:*) verdict=$v ;; x-claudemesh-seq:*) seq=$v ;; esac
            done
            # the body, to the end of the connection, bounded too (a daemon stopped mid-answer must not keep this waiter
            # past its claude); read -d '' keeps every newline
            IFS= read -r -d '' -t 10 body <&3
            [ $? = 1 ] || exit 56
            printf '%s\\n#%s %s %s %s#' "$body" "$code" "$thin" "$verdict" "$seq"
            """;

    /**
     * The background Stop waiter ({@code asyncRewake}): attach, then long-poll the daemon (the parked cost is this
     * sh and one bash {@link #BASH_POLL}, or a curl where there is no bash; no thread in the daemon); deliver → the text on stderr and exit 2, which wakes the idle
     * claude. Ends when its claude is gone, when the daemon says exit (a newer waiter, the session ended), at its
     * time budget, or after {@link #RECONNECT_SECONDS} without a daemon. When the daemon goes away (restart, kill -9)
     * it starts one in the background, re-reads {@code daemon.state} (a new port) and attaches again with claude's
     * Stop stdin, which it keeps, and when its Stop was ({@code lost_stop_at}; the daemon marks a session whose Stop
     * hook was lost idle, as the JVM waiter's). In print mode it ends at once: claude -p would wait for it.
     */
    private static String waiter() {
        String marker = "-w '\\n#%{http_code} %header{x-claudemesh-thin} %header{x-claudemesh-waiter}"
                + " %header{x-claudemesh-seq}#'";
        return "if [ \"$ev\" = StopWaiter ]; then\n"
                + "  case ${CLAUDE_CODE_ENTRYPOINT:-cli} in cli) ;; *) cat >/dev/null; exit 0 ;; esac\n"
                + "  [ -x \"$curl\" ] || exec \"$jvm\" \"$@\"\n"
                + "  payload=$(cat)\n"
                + "  # parked, the long-poll is bash's /dev/tcp (about 3 MiB resident) rather than a curl (about 11)\n"
                + "  bsh=${CLAUDEMESH_WAITER_BASH-/bin/bash}; [ -x \"$bsh\" ] || bsh=\n"
                + "  poll=" + ShellWords.quote(BASH_POLL) + "\n"
                + "  budget=${CLAUDEMESH_WAITER_SECONDS:-3590}\n"
                + "  case $budget in ''|*[!0-9]*) budget=3590 ;; esac\n"
                + "  end=$(( $(date +%s) + budget ))\n"
                + "  id=; seq=; since=0; lost=\n"
                + "  # when the Stop was, in ms: told to the daemon if it is lost meanwhile (the Stop hook may have been lost too)\n"
                + "  stopped=$(date +%s%3N 2>/dev/null); case $stopped in ''|*[!0-9]*) stopped=$(date +%s)000 ;; esac\n"
                + "  while :; do\n"
                + "    now=$(date +%s); [ \"$now\" -lt \"$end\" ] || exit 0\n"
                + "    if [ \"$cp\" != 0 ] && [ ! -d \"/proc/$cp\" ]; then exit 0; fi\n"
                + "    ok=\n"
                + "    if [ -z \"$id\" ]; then\n"
                + "      if locate; then\n"
                + "        if out=$(printf '%s' \"$payload\" | auth -m " + START_TIMEOUT + " --data-binary @- " + marker
                + " \"$base" + Endpoints.THIN_WAITER
                + "attach?claude_pid=$cp&hook_pid=$$${lost:+&lost_stop_at=$stopped}\"); then\n"
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
                + "      q=\"" + Endpoints.THIN_WAITER + "wait?id=$id&hook_pid=$$&after=$seq&timeout=$t\"\n"
                + "      if [ -n \"$bsh\" ]; then\n"
                + "        out=$(\"$bsh\" -p -c \"$poll\" claudemesh-waiter \"$port\" \"$q\" \"$h/auth.header\" $(( t / 1000 + 10 )))\n"
                + "      else\n"
                + "        out=$(auth -m $(( t / 1000 + 10 )) -d '' " + marker + " \"$base$q\")\n"
                + "      fi\n"
                + "      if [ $? = 0 ]; then\n"
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
                + "    lost=1; [ \"$since\" != 0 ] || since=$now\n"
                + "    [ $(( now - since )) -le " + RECONNECT_SECONDS + " ] || exit 0\n"
                + "    sleep 1\n"
                + "  done\n"
                + "fi\n";
    }

    /**
     * The MCP server ({@code mcp}): a read loop handing each line claude writes to {@code Endpoints.THIN_MCP} (one
     * curl; the daemon hosts the MCP server) and printing its answer line. The daemon is proven this user's
     * claudemesh of this version first, as for the hooks; none at the first line: it starts one ({@code claudemesh
     * mcp --ensure-daemon}), and when there is still none the JVM server takes over from that line. Later, a refused
     * connection, an answer that is not the daemon's or a daemon that does not know this server (it restarted) is
     * retried once after finding the daemon again and repeating claude's initialize; a request that still gets
     * nothing is answered with a JSON-RPC error (claude would otherwise wait for it until its tool timeout).
     * Claude's pid is {@code $PPID}: claude starts its MCP servers as direct children.
     */
    private static String mcp() {
        return """
            if [ "$ev" = Mcp ]; then
              # The MCP server: each line claude writes goes to the daemon (one curl), which answers as `claudemesh mcp` would;
              # its answer line is printed back. No daemon: start one. None at the first line: the JVM server takes over there.
              nl=$(printf '\\nx'); nl=${nl%x}
              cr=$(printf '\\r')
              sid=${CLAUDE_CODE_SESSION_ID:-}; xs=${CLAUDEMESH_SESSION:-}
              bs=; [ -n "${CLAUDE_CODE_MESSAGING_TOKEN:-}" ] && bs=${CLAUDE_CODE_MESSAGING_SOCKET:-}
              # what goes into a header must be printable ASCII; anything else is the JVM server's to read
              case $sid$xs$bs in *[!\\ -~]*) exec "$jvm" mcp ;; esac
              [ -x "$curl" ] || exec "$jvm" mcp
              cp=$PPID; case $cp in ''|*[!0-9]*) cp=0 ;; esac
              # the daemon of daemon.state, proven this user's claudemesh of this version before the token leaves
              load() { locate && [ "$ver" = "$version" ] || { port=; return 1; }; }
              ensure() { load || { "$jvm" mcp --ensure-daemon </dev/null >&2; load; }; }
              # one message to the daemon: got = answer (in ans), none or unknown; else fails with rc (curl's exit, 99: not a
              # whole answer of this daemon's MCP route)
              post() {
                got=; ans=
                out=$(printf '%s\\n' "$1" | "$curl" -s --noproxy '*' -m 100 -D - -H 'Expect:' -H @"$h/auth.header" \\
                  -H 'Content-Type: application/json' -H "X-Claudemesh-Builtin: ${bs:+1 }${bs:-0}" \\
                  -H "X-Claudemesh-Session-Id: $sid" -H "X-Claudemesh-Session: $xs" \\
                  -H "X-Claudemesh-Mcp-Introduced: $intro" --data-binary @- \\
                  "http://127.0.0.1:$port@THIN_MCP@message?mcp_pid=$$&claude_pid=$cp")
                rc=$?; [ "$rc" = 0 ] || return 1
                rc=99
                head=${out%%"$cr$nl$cr$nl"*}$cr$nl
                case $head in 'HTTP/1.1 200 '*) ;; *) return 1 ;; esac
                case $head in *"${nl}X-Claudemesh-Thin: 1$cr$nl"*) ;; *) return 1 ;; esac
                case $head in
                  *"${nl}X-Claudemesh-Mcp: answer$cr$nl"*) got=answer; ans=${out#*"$cr$nl$cr$nl"} ;;
                  *"${nl}X-Claudemesh-Mcp: none$cr$nl"*) got=none ;;
                  *"${nl}X-Claudemesh-Mcp: unknown$cr$nl"*) got=unknown ;;
                  *) return 1 ;;
                esac
              }
              # tell a restarted daemon who this server is: claude's initialize again (its answer was printed long ago)
              hello() { [ -z "$init" ] || { post "$init" && post '{"jsonrpc":"2.0","method":"notifications/initialized"}'; }; }
              # a JSON-RPC error for a request that got no answer, $2 saying why (a notification gets none)
              fail() {
                id=$(printf '%s\\n' "$1" | sed -n \\
                  -e 's/^{"jsonrpc":"2.0","id":\\(-\\{0,1\\}[0-9][0-9]*\\),.*$/\\1/p' \\
                  -e 's/^{"jsonrpc":"2.0","id":\\("[^"\\\\]*"\\),.*$/\\1/p' \\
                  -e 's/^{.*,"id":\\(-\\{0,1\\}[0-9][0-9]*\\)}$/\\1/p' \\
                  -e 's/^{.*,"id":\\("[^"\\\\]*"\\)}$/\\1/p')
                id=${id%%"$nl"*}
                case $id in '') case $1 in *'"id":'*) id=null ;; *) return 0 ;; esac ;; esac
                printf '{"jsonrpc":"2.0","id":%s,"error":{"code":-32603,"message":"%s"}}\\n' "$id" \\
                  "The claudemesh daemon cannot be reached ($2). Ask the user to run \\`claudemesh doctor\\` in a terminal."
              }
              send() {
                if post "$1"; then
                  case $got in answer) printf '%s\\n' "$ans"; return ;; none) return ;; esac
                fi
                # retried once where nothing can have been done (connection refused, not this daemon's MCP answer, a daemon
                # that does not know this server: it restarted), and for anything but a tool call, which may have sent a message
                case $rc:$got in
                  7:*|99:*) ;;
                  *) case $1 in *'"method":"tools/call"'*) fail "$1" "curl exit $rc"; return ;; esac ;;
                esac
                if ensure && hello && post "$1"; then
                  case $got in answer) printf '%s\\n' "$ans"; return ;; none) return ;; esac
                fi
                fail "$1" "curl exit $rc${got:+, $got}"
              }
              init=; intro=0; started=
              while IFS= read -r line || [ -n "$line" ]; do
                if [ -z "$started" ]; then
                  started=1
                  if ! ensure; then { printf '%s\\n' "$line"; exec cat; } | "$jvm" mcp; exit $?; fi
                fi
                case $line in *'"method":"initialize"'*) init=$line; intro=1 ;; esac
                send "$line"
              done
              [ -z "$port" ] || "$curl" -s -o /dev/null --noproxy '*' -m 2 -H @"$h/auth.header" -H 'Content-Type: application/json' \\
                -d '{}' "http://127.0.0.1:$port@THIN_MCP@end?mcp_pid=$$" </dev/null
              exit 0
            fi
            """.replace("@THIN_MCP@", Endpoints.THIN_MCP);
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

    private static String resource(String name) {
        try (var in = ThinLauncherScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether the thin launcher answers {@code verb} itself ({@code hook <event>}, {@code statusline}, {@code mcp}). */
    public static boolean handles(String verb) {
        return switch (verb) {
            case "hook SessionStart",
                    "hook UserPromptSubmit",
                    "hook Stop",
                    "hook SessionEnd",
                    "hook StopWaiter",
                    "statusline",
                    "mcp" -> true;
            default -> false;
        };
    }

    public String render() {
        String home = ShellWords.quote(paths.meshHome().toString());
        return "#!/bin/sh\n"
                + "# claudemesh thin launcher, written by `claudemesh install` (run it again to update this file;\n"
                + "# `claudemesh uninstall` removes it). Hooks and status line: bash over /dev/tcp (else curl);\n"
                + "# waiter: bash or curl; MCP: curl; no JVM. Anything else\n"
                + "# runs the JVM launcher. Fails open: with the daemon down, slow or broken it prints nothing, exit 0.\n"
                + "jvm=" + ShellWords.quote(paths.launcher().toString()) + "\n"
                + "curl=" + ShellWords.quote(curl) + "\n"
                + "version=" + ShellWords.quote(version) + "\n"
                + "h=${CLAUDEMESH_HOME:-" + home + "}\n"
                + "case \"${1:-} ${2:-}\" in\n"
                + "  'hook SessionStart') ev=SessionStart; tmo=" + START_TIMEOUT + "; ms=" + START_MILLIS + " ;;\n"
                + "  'hook UserPromptSubmit'|'hook Stop'|'hook SessionEnd') ev=$2; tmo=" + FAST_TIMEOUT + "; ms="
                + FAST_MILLIS + " ;;\n"
                + "  'hook StopWaiter') ev=StopWaiter; tmo=" + START_TIMEOUT + " ;;\n"
                + "  'statusline ') ev=StatusLine; tmo=" + FAST_TIMEOUT + "; ms=" + FAST_MILLIS + " ;;\n"
                + "  'mcp ') ev=Mcp ;;\n"
                + "  *) exec \"$jvm\" \"$@\" ;;\n"
                + "esac\n"
                + "# a hook call or the status line: bash 5 does it all, before sh reads on (CLAUDEMESH_HOOK_BASH= takes curl)\n"
                + "case $ev in StopWaiter|Mcp) ;; *)\n"
                + "  hb=${CLAUDEMESH_HOOK_BASH-/bin/bash}\n"
                + "  if [ -n \"$hb\" ] && [ -x \"$hb\" ]; then\n"
                + "    exec \"$hb\" -p -c " + ShellWords.quote(HOOK)
                + " claudemesh-hook \"$0\" \"$h\" \"$ev\" \"$ms\" \"$version\" \"$curl\"\n"
                + "  fi ;;\n"
                + "esac\n"
                + "export CLAUDEMESH_HOME=\"$h\"\n"
                + functions()
                + mcp()
                + "cp=${CLAUDE_PID:-0}\n"
                + "case $cp in ''|*[!0-9]*) cp=0 ;; esac\n"
                + "nl='\n'\n"
                + "auth() { \"$curl\" -sf --noproxy '*' -H @\"$h/auth.header\" -H 'Content-Type: application/json' \"$@\"; }\n"
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
                + "# a stopped daemon (kill -STOP) accepts connections and never answers them: nothing to wait for\n"
                + "st=; read -r st < \"/proc/$pid/stat\" 2>/dev/null; st=${st##*) }\n"
                + "case ${st%% *} in T|t) exit 0 ;; esac\n"
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
