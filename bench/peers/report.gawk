# report.gawk: the benchmark's per-queue figures, computed by GNU awk.
#
# Reads one CSV file of interaction records (RFC 4180, header row) and prints
#   queue,offered,answered,abandoned,asa,wait_p90,wait_max
# per queue over inbound rows, sorted by queue name.  Columns are found by
# header name.  Rows without a '"' are split on commas (fast path); rows with
# one go through csvsplit, so a quoted field may hold commas and doubled
# quotes.  (patsplit with a CSV FPAT is about five times slower here.)  Timestamps are RFC 3339 UTC with whole seconds
# ("2026-03-02T08:15:03Z").  Run with LC_ALL=C.

BEGIN {
    FS = ","
    need["direction"]; need["queue"]; need["arrived_at"]
    need["answered_at"]; need["outcome"]
}

# Split the CSV record S into F[1..n] (RFC 4180: a field that starts with
# '"' runs to the next lone '"', and "" inside stands for one '"'), with the
# quotes removed.  Returns n.  Scans with index() rather than per character.
function csvsplit(s, f,    n, j, v) {
    n = 0
    while (1) {
        n++
        if (substr(s, 1, 1) == "\"") {
            v = ""
            s = substr(s, 2)
            while (1) {
                j = index(s, "\"")
                if (!j) { v = v s; s = ""; break }   # unterminated: take the rest
                v = v substr(s, 1, j - 1)
                s = substr(s, j + 1)
                if (substr(s, 1, 1) == "\"") { v = v "\""; s = substr(s, 2) }
                else break
            }
            f[n] = v
            if (s == "") return n
            s = substr(s, 2)                         # the comma after the quote
        } else {
            j = index(s, ",")
            if (!j) { f[n] = s; return n }
            f[n] = substr(s, 1, j - 1)
            s = substr(s, j + 1)
        }
    }
}

# Epoch seconds of an RFC 3339 UTC timestamp with whole seconds.  The date
# part goes through mktime (UTC) once per distinct day and is then cached.
function epoch(ts,    d) {
    d = substr(ts, 1, 10)
    if (!(d in daysec))
        daysec[d] = mktime(substr(d, 1, 4) " " substr(d, 6, 2) " " substr(d, 9, 2) " 0 0 0", 1)
    return daysec[d] + substr(ts, 12, 2) * 3600 + substr(ts, 15, 2) * 60 + substr(ts, 18, 2)
}

NR == 1 {
    sub(/\r$/, "")
    n = csvsplit($0, f)
    for (i = 1; i <= n; i++)
        col[f[i]] = i
    for (k in need)
        if (!(k in col)) {
            print "report.gawk: no column " k > "/dev/stderr"
            exit 2
        }
    cdir = col["direction"]; cq = col["queue"]; carr = col["arrived_at"]
    cans = col["answered_at"]; cout = col["outcome"]
    next
}

{
    sub(/\r$/, "")
    if (index($0, "\"")) {
        csvsplit($0, f)
        dir = f[cdir]; q = f[cq]; arr = f[carr]; ans = f[cans]; out = f[cout]
    } else {
        dir = $cdir; q = $cq; arr = $carr; ans = $cans; out = $cout
    }
    if (dir != "inbound")
        next
    offered[q]++
    if (ans != "") {
        w = epoch(ans) - epoch(arr)
        answered[q]++
        wsum[q] += w
        if (!(q in wmax) || w > wmax[q])
            wmax[q] = w
        hist[q, w]++
    } else if (out == "abandoned")
        abandoned[q]++
}

# Print the figures.  asa is rounded half away from zero in integer
# arithmetic: floor((200 * sum + n) / (2 * n)) hundredths (all values >= 0).
# wait_p90 is the nearest rank: walk the per-second counts upwards until at
# least ceil(0.9 * n) = floor((9 * n + 9) / 10) waits are covered.
END {
    if (NR == 0)
        exit 2
    print "queue,offered,answered,abandoned,asa,wait_p90,wait_max"
    PROCINFO["sorted_in"] = "@ind_str_asc"
    for (q in offered) {
        n = answered[q] + 0
        if (n == 0) {
            printf "%s,%d,0,%d,,,\n", q, offered[q], abandoned[q]
            continue
        }
        h = int((200 * wsum[q] + n) / (2 * n))
        need90 = int((9 * n + 9) / 10)
        c = 0
        for (w = 0; w <= wmax[q]; w++)
            if ((q, w) in hist && (c += hist[q, w]) >= need90)
                break
        printf "%s,%d,%d,%d,%d.%02d,%d,%d\n", q, offered[q], n, abandoned[q] + 0,
            int(h / 100), h % 100, w, wmax[q]
    }
}
