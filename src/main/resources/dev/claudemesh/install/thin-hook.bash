# One hook call of the thin launcher in bash (bash -p: no BASH_ENV, no functions from the environment): claude's
# stdin POSTed over /dev/tcp to the daemon's thin hook route, its answer printed once it is whole, the lease acked
# after that. No process is started (a body over @BIG@ bytes goes by curl, whose time-out also bounds the write).
# Arguments: launcher, port, event, claude pid, milliseconds, the 0600 Authorization header file, curl, the
# X-Claudemesh-Builtin value, claude's config folder. Fails open and silent: anything amiss ends it, exit 0.
if (( ${BASH_VERSINFO[0]:-0} < 5 )); then # EPOCHREALTIME; an older bash hands the call to the curl path
  case $3 in StatusLine) set -- "$1" statusline ;; *) set -- "$1" hook "$3" ;; esac
  CLAUDEMESH_HOOK_BASH= exec "$@"
fi
exec 2>/dev/null
trap '' PIPE # a listener that closes early, or claude gone: a failed write (exit 0), never death by SIGPIPE (141)
LC_ALL=C # lengths and reads in bytes, not characters
port=$2 ev=$3 cp=$4 ms=$5 hdr=$6 curl=$7 bi=$8 cfg=$9
# deadline: $end is $1 ms from now (µs since the epoch); left: $w = the seconds left before it, fails when none
deadline() { end=$(( ${EPOCHREALTIME/./} + $1 * 1000 )); }
left() {
  local n=$(( end - ${EPOCHREALTIME/./} ))
  (( n > 0 )) || return 1
  printf -v w '%d.%06d' $(( n / 1000000 )) $(( n % 1000000 ))
}
# post PATH BODY [HEADER...]: one HTTP/1.0 POST on fd 3 (Connection: close: the answer is never chunked, and the
# daemon ends the connection after it); the token goes from bash's memory to the socket, never to a command line
post() {
  local path=$1 data=$2 extra= x
  shift 2
  for x; do extra+=$x$'\r\n'; done
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 7
  printf 'POST %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n%s\r\n%sContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$path" "$port" "$auth" "$extra" "${#data}" "$data" >&3 || return 55
}
# answer: the answer on fd 3, whole, by the deadline: $code, $body and $hx (a newline, then each header line with
# its name in lower case); the body is Content-Length bytes, or all up to the end of the connection
answer() {
  local st l n v i len
  code= body= hx=
  left && IFS= read -r -t "$w" st <&3 || return 28
  st=${st%$'\r'}
  case $st in 'HTTP/1.'[01]' '[0-9][0-9][0-9]*) code=${st:9:3} ;; *) return 8 ;; esac
  for (( i = 0; ; i++ )); do
    (( i < 100 )) && left && IFS= read -r -t "$w" l <&3 || return 28
    l=${l%$'\r'}
    [ -n "$l" ] || break
    n=${l%%:*} v=${l#*:}
    v=${v#"${v%%[! ]*}"}
    hx+=$'\n'${n,,}:$v
  done
  hv transfer-encoding
  [ -z "$v" ] || return 8
  hv content-length
  len=$v
  case $len in
    '')
      left || return 28
      IFS= read -r -d '' -t "$w" body <&3
      [ $? = 1 ] || return 28 ;;
    *[!0-9]* | ??????????*) return 8 ;;
    *)
      len=$(( 10#$len ))
      if (( len > 0 )); then left && IFS= read -r -N "$len" -t "$w" body <&3 || return 28; fi
      [ "${#body}" = "$len" ] || return 18 ;;
  esac
}
# hv NAME: $v = the value of header NAME (lower case) of the last answer, empty when it has none
hv() {
  v=
  case $hx in *$'\n'"$1":*) v=${hx#*$'\n'"$1":} v=${v%%$'\n'*} ;; esac
}
deadline "$ms"
IFS= read -r auth < "$hdr" || exit 0
case $auth in 'Authorization: Bearer '*) ;; *) exit 0 ;; esac
case ${auth#'Authorization: Bearer '} in '' | *[!!-~]*) exit 0 ;; esac
case $cfg in *[$'\r\n']*) cfg= ;; esac
case $bi in *[$'\r\n']*) bi=0 ;; esac
q="@THIN_HOOKS@$ev?claude_pid=$cp&hook_pid=$$"
# claude's stdin, whole
left || exit 0
IFS= read -r -N @BIG1@ -t "$w" in
case $? in 1) big= ;; 0) big=1 ;; *) exit 0 ;; esac
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
