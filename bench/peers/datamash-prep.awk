# datamash-prep.awk: the prep step in front of GNU datamash (POSIX awk).
#
# datamash splits on a delimiter and knows nothing of CSV quoting, so this
# step reads the records CSV and writes one plain line per inbound row:
#   queue,answered,abandoned,wait
# answered and abandoned are 0/1 flags and wait is the answer wait in seconds,
# or NA when the row was not answered (datamash --narm skips it).  The quoted
# customer field is dropped: fields are split on commas, which is right for
# every field before the first '"' of a row; a row where a needed column
# comes at or after that point stops the run (it does not happen here, since
# customer is the only quoted column and comes last).  Timestamps are RFC 3339
# UTC with whole seconds.

BEGIN { FS = "," }

# Days since 1970-01-01 of the civil date Y-M-D (Howard Hinnant's algorithm).
function days_from_civil(y, m, d,    era, yoe, doy, doe) {
    y -= (m <= 2)
    era = int((y >= 0 ? y : y - 399) / 400)
    yoe = y - era * 400
    doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
    doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
    return era * 146097 + doe - 719468
}

# Epoch seconds of "YYYY-MM-DDTHH:MM:SSZ"; the day part is cached.
function epoch(ts,    d) {
    d = substr(ts, 1, 10)
    if (!(d in daysec))
        daysec[d] = 86400 * days_from_civil(substr(d, 1, 4) + 0, substr(d, 6, 2) + 0, substr(d, 9, 2) + 0)
    return daysec[d] + substr(ts, 12, 2) * 3600 + substr(ts, 15, 2) * 60 + substr(ts, 18, 2)
}

NR == 1 {
    sub(/\r$/, "")
    for (i = 1; i <= NF; i++)
        col[$i] = i
    split("direction queue arrived_at answered_at outcome", names, " ")
    maxcol = 0
    for (i = 1; i <= 5; i++) {
        if (!(names[i] in col)) {
            print "datamash-prep.awk: no column " names[i] > "/dev/stderr"
            exit 2
        }
        if (col[names[i]] > maxcol)
            maxcol = col[names[i]]
    }
    cdir = col["direction"]; cq = col["queue"]; carr = col["arrived_at"]
    cans = col["answered_at"]; cout = col["outcome"]
    next
}

{
    p = index($0, "\"")
    if (p && split(substr($0, 1, p), before, ",") <= maxcol) {
        print "datamash-prep.awk: line " NR ": a quoted field before a needed column" > "/dev/stderr"
        exit 2
    }
    if ($cdir != "inbound")
        next
    if ($cans != "")
        print $cq ",1,0," (epoch($cans) - epoch($carr))
    else
        print $cq ",0," ($cout == "abandoned") ",NA"
}
