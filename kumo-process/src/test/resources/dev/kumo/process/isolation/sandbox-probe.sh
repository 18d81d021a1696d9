#!/bin/bash
# Runs inside the sandbox; prints what it could see and do as key=value lines.
# Arguments: data-file other-function-file endpoint-host endpoint-port loopback-port wildcard-port host-ip
out() { echo "$1=$2"; }
tcp() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null && echo open || echo closed; }
cat "$1" >/dev/null 2>&1 && out data readable || out data hidden
cat "$2" >/dev/null 2>&1 && out other readable || out other hidden
cat "$PWD/probe.sh" >/dev/null 2>&1 && out own readable || out own hidden
(echo x > "$PWD/new") 2>/dev/null && out own-write yes || out own-write no
(echo x > /usr/kumo-probe) 2>/dev/null && out usr-write yes || out usr-write no
(echo x > /etc/kumo-probe) 2>/dev/null && out etc-write yes || out etc-write no
echo x > /tmp/probe && [ "$(cat /tmp/probe)" = x ] && out tmp ok || out tmp broken
out uid "$(id -u)"
out caps "$(grep '^CapEff:' /proc/self/status | cut -f2)"
out seccomp "$(grep '^Seccomp:' /proc/self/status | cut -f2)"
out procs "$(ls -d /proc/[0-9]* | wc -l)"
out pid1 "$(cat /proc/1/comm)"
out hostname "$(cat /proc/sys/kernel/hostname)"
unshare -U true 2>/dev/null && out unshare allowed || out unshare denied
mkdir -p /tmp/m && mount -t tmpfs none /tmp/m 2>/dev/null && out mount allowed || out mount denied
out endpoint "$(tcp "$3" "$4")"
out loopback "$(tcp 127.0.0.1 "$5")"
out wildcard "$(tcp "$3" "$6")"
out outside "$(tcp 1.1.1.1 53)"
out hostip "$(tcp "$7" "$6")"
exit 0
