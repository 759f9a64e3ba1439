# select-columns.awk: picks columns by header name from a CSV file (POSIX awk).
#   awk -v cols=queue,offered,... -f select-columns.awk FILE
# Prints the header and every row with just those columns, in that order,
# unquoted (re-quoted only when a value needs it); a trailing CR is dropped.
# Used to compare a tool's output with another's whatever extra columns or
# column order it has.  Exits 2 when a column is missing.

# Split the CSV record S into F[1..n] without the quotes (RFC 4180; a "" in
# a quoted field stands for one '"').  Returns n.
function csvsplit(s, f,    n, j, v) {
    n = 0
    while (1) {
        n++
        if (substr(s, 1, 1) == "\"") {
            v = ""
            s = substr(s, 2)
            while (1) {
                j = index(s, "\"")
                if (!j) { v = v s; s = ""; break }
                v = v substr(s, 1, j - 1)
                s = substr(s, j + 1)
                if (substr(s, 1, 1) == "\"") { v = v "\""; s = substr(s, 2) }
                else break
            }
            f[n] = v
            if (s == "") return n
            s = substr(s, 2)
        } else {
            j = index(s, ",")
            if (!j) { f[n] = s; return n }
            f[n] = substr(s, 1, j - 1)
            s = substr(s, j + 1)
        }
    }
}

# V as a CSV field: quoted, with quotes doubled, when it holds , " or CR/LF.
function csvfield(v) {
    if (v ~ /[,"\r\n]/) {
        gsub(/"/, "\"\"", v)
        v = "\"" v "\""
    }
    return v
}

BEGIN { nwant = split(cols, want, ",") }

{ sub(/\r$/, "") }

NR == 1 {
    n = csvsplit($0, f)
    for (i = 1; i <= n; i++)
        pos[f[i]] = i
    line = ""
    for (i = 1; i <= nwant; i++) {
        if (!(want[i] in pos)) {
            print "select-columns.awk: no column " want[i] " in " FILENAME > "/dev/stderr"
            exit 2
        }
        line = line (i > 1 ? "," : "") want[i]
    }
    print line
    next
}

$0 != "" {
    csvsplit($0, f)
    line = ""
    for (i = 1; i <= nwant; i++)
        line = line (i > 1 ? "," : "") csvfield(f[pos[want[i]]])
    print line
}
