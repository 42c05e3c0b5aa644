#!/bin/bash
# measure.sh server path conns secs -> req/s, server CPU s, wrk CPU s, CPU us/request
server=$1 path=$2 conns=${3:-64} secs=${4:-10}
if [ "$server" = gw2 ]; then port=29180; pids=$(cat /tmp/exp/gw2.pid); elif [ "$server" = gw ]; then port=29080; pids=$(cat /tmp/exp/data/pids/gateway.pid); else port=29090; np=$(cat /tmp/exp/nginx/nginx.pid); pids="$np $(pgrep -P $np | tr '\n' ' ')"; fi
cpu() { local t=0; for p in $pids; do t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t; }
wrk -t2 -c$conns -d3s http://localhost:$port$path >/dev/null 2>&1
c0=$(cpu); s0=$(awk '/^cpu / {print $2+$3+$4+$5+$6+$7+$8}' /proc/stat); i0=$(awk '/^cpu / {print $5}' /proc/stat)
out=$( { /usr/bin/time -f "WRKCPU %U %S" wrk -t2 -c$conns -d${secs}s http://localhost:$port$path; } 2>&1 )
c1=$(cpu); s1=$(awk '/^cpu / {print $2+$3+$4+$5+$6+$7+$8}' /proc/stat); i1=$(awk '/^cpu / {print $5}' /proc/stat)
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
wrkcpu=$(echo "$out" | awk '/WRKCPU/ {print $2+$3}')
srv=$(awk -v a=$c0 -v b=$c1 'BEGIN {print (b-a)/100}')
idle=$(awk -v a=$i0 -v b=$i1 -v x=$s0 -v y=$s1 'BEGIN {printf "%.0f%%", 100*(b-a)/(y-x)}')
echo "$server $path c$conns: $rps req/s, server cpu ${srv}s, wrk cpu ${wrkcpu}s, idle $idle, server us/req $(awk -v c=$srv -v r=$rps -v s=$secs 'BEGIN {printf "%.1f", c*1e6/(r*s)}')"
