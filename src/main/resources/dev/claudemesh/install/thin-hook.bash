# One hook call of the thin launcher in bash (bash -p: no BASH_ENV, no functions from the environment), handed over
# by the sh launcher before it reads any further: the daemon of daemon.state shown to be this user's claudemesh,
# claude's stdin POSTed to it over /dev/tcp, its answer printed once it is whole, the lease acked after that. No
# process is started (a body over @BIG@ bytes goes by curl, whose time-out also bounds the write), and files and the
# socket are read a buffer at a time (read -N), not a byte at a time. With no such daemon (or one of another version
# at SessionStart) the sh launcher's curl path takes the call: it starts a daemon, or runs the JVM hook.
# Arguments: the sh launcher, the home, the event, milliseconds, this claudemesh's version, curl.
# Fails open and silent: anything amiss ends it, exit 0.
self=$1 h=$2 ev=$3 ms=$4 version=$5 curl=$6
case $ev in StatusLine) set -- statusline ;; *) set -- hook "$ev" ;; esac
# the sh launcher's curl path, for the same call (stdin not read yet)
elsewhere() {
  exec 2>&9 9>&-
  CLAUDEMESH_HOOK_BASH= exec "$self" "$@"
  exit 0
}
exec 9>&2 2>/dev/null
(( ${BASH_VERSINFO[0]:-0} >= 5 )) || elsewhere "$@" # EPOCHREALTIME
trap '' PIPE # a listener that closes early, or claude gone: a failed write (exit 0), never death by SIGPIPE (141)
LC_ALL=C # lengths and reads in bytes, not characters
# deadline: $end is $1 ms from now (µs since the epoch); left: $w = the seconds left before it, fails when none
deadline() { end=$(( ${EPOCHREALTIME/./} + $1 * 1000 )); }
left() {
  local n=$(( end - ${EPOCHREALTIME/./} ))
  (( n > 0 )) || return 1
  printf -v w '%d.%06d' $(( n / 1000000 )) $(( n % 1000000 ))
}
deadline "$ms"
# the daemon: daemon.state's pid alive, this user's, running claudemesh (and, for the SessionStart that registers a
# session, of this version); a stopped one (kill -STOP) accepts connections and never answers: nothing to wait for
[[ -r $h/auth.header && -r $h/daemon.state ]] || elsewhere "$@"
port= pid= ver=
while IFS='=' read -r k v; do case $k in port) port=$v ;; pid) pid=$v ;; version) ver=$v ;; esac; done < "$h/daemon.state"
case $port$pid in '' | *[!0-9]*) elsewhere "$@" ;; esac
[[ -n $port && -n $pid && -O /proc/$pid ]] || elsewhere "$@"
cmd=
IFS= read -r -N 65536 cmd < "/proc/$pid/cmdline" # its NUL separators are dropped
[[ $cmd == *claudemesh* ]] || elsewhere "$@"
[[ $ev != SessionStart || $ver == "$version" ]] || elsewhere "$@"
st=
IFS= read -r st < "/proc/$pid/stat"
st=${st##*) }
case ${st%% *} in T | t) exit 0 ;; esac
# what claude told its hook: its pid, Claude Code's own messaging (on when claude gave its socket and token; the
# token is never sent), its config folder
cp=${CLAUDE_PID:-0}
case $cp in '' | *[!0-9]*) cp=0 ;; esac
bs=
[[ -n ${CLAUDE_CODE_MESSAGING_TOKEN:-} ]] && bs=${CLAUDE_CODE_MESSAGING_SOCKET:-}
bi=${bs:+1 }${bs:-0}
cfg=${CLAUDE_CONFIG_DIR:-$HOME/.claude}
hdr=$h/auth.header
# post PATH BODY [HEADER...]: one HTTP/1.0 POST on fd 3, written at once (Connection: close: the answer is never
# chunked, and the daemon ends the connection after it); the token goes from bash's memory to the socket, never to a
# command line
post() {
  local path=$1 data=$2 extra= x req
  shift 2
  for x; do extra+=$x$'\r\n'; done
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 7
  printf -v req 'POST %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n%s\r\n%sContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$path" "$port" "$auth" "$extra" "${#data}" "$data"
  printf '%s' "$req" >&3 || return 55
}
# answer: the answer on fd 3, read to the end of the connection by the deadline, and whole: $code, $body and $hx (a
# newline, then each header line with its name in lower case); the body is Content-Length bytes, or all of the rest
answer() {
  local all= chunk r st head l n v i len
  code= body= hx=
  while :; do
    left || return 28
    IFS= read -r -N 65536 -t "$w" chunk <&3
    r=$?
    all+=$chunk
    (( r == 0 )) || break
    (( ${#all} <= 16777216 )) || return 8
  done
  (( r == 1 )) || return 28 # 1: the end of the connection; over 128: the time-out
  case $all in *$'\r\n\r\n'*) ;; *) return 8 ;; esac
  head=${all%%$'\r\n\r\n'*}$'\r\n'
  body=${all#*$'\r\n\r\n'}
  st=${head%%$'\r\n'*}
  head=${head#*$'\r\n'}
  case $st in 'HTTP/1.'[01]' '[0-9][0-9][0-9]*) code=${st:9:3} ;; *) return 8 ;; esac
  for (( i = 0; i < 100; i++ )); do
    [ -n "$head" ] || break
    l=${head%%$'\r\n'*} head=${head#*$'\r\n'}
    n=${l%%:*} v=${l#*:}
    v=${v#"${v%%[! ]*}"}
    hx+=$'\n'${n,,}:$v
  done
  [ -z "$head" ] || return 8
  hv transfer-encoding
  [ -z "$v" ] || return 8
  hv content-length
  len=$v
  case $len in
    '') ;;
    *[!0-9]* | ??????????*) return 8 ;;
    *) [ "${#body}" = "$(( 10#$len ))" ] || return 18 ;;
  esac
}
# hv NAME: $v = the value of header NAME (lower case) of the last answer, empty when it has none
hv() {
  v=
  case $hx in *$'\n'"$1":*) v=${hx#*$'\n'"$1":} v=${v%%$'\n'*} ;; esac
}
IFS= read -r auth < "$hdr" || exit 0
case $auth in 'Authorization: Bearer '*) ;; *) exit 0 ;; esac
case ${auth#'Authorization: Bearer '} in '' | *[!!-~]*) exit 0 ;; esac
case $cfg in *[$'\r\n']*) cfg= ;; esac
case $bi in *[$'\r\n']*) bi=0 ;; esac
q="@THIN_HOOKS@$ev?claude_pid=$cp&hook_pid=$$"
# claude's stdin, whole: its first byte by the deadline, then the rest (claude writes it at once and closes it; a
# read with -t costs bash two syscalls per byte, a read without it a few per buffer)
left || exit 0
in= rest= big=
IFS= read -r -N 1 -t "$w" in
case $? in
  0)
    IFS= read -r -N @BIG@ rest
    case $? in 1) ;; 0) big=1 ;; *) exit 0 ;; esac ;;
  1) ;;
  *) exit 0 ;;
esac
in+=$rest rest=
if [ -z "$big" ]; then
  post "$q" "$in" 'Content-Type: application/json' "X-Claudemesh-Builtin: $bi" "X-Claudemesh-Claude-Config: $cfg" ||
    exit 0
else
  left || exit 0
  exec 4<&0
  exec 3< <({ printf '%s' "$in"; cat <&4; } | "$curl" -s -i --http1.0 --noproxy '*' -m "$w" -H @"$hdr" -H 'Expect:' \
    -H 'Connection: close' -H 'Content-Type: application/json' -H "X-Claudemesh-Builtin: $bi" \
    -H "X-Claudemesh-Claude-Config: $cfg" --data-binary @- "http://127.0.0.1:$port$q")
  exec 4<&-
fi
in=
# the answer counts only if it is whole, 200, and marked by the daemon's thin endpoint
answer || exit 0
exec 3<&-
[ "$code" = 200 ] || exit 0
hv x-claudemesh-thin
[ "$v" = 1 ] || exit 0
hv x-claudemesh-lease
lease=$v
[ "$ev" = StatusLine ] || case $body in '' | '{'*) ;; *) exit 0 ;; esac
if [ -n "$body" ]; then printf '%s' "$body" || exit 0; fi
case $lease in
  @LEASE@)
    deadline "$ms"
    post "@LEASES@$lease/ack" '{}' 'Content-Type: application/json' && answer ;;
esac
exit 0
