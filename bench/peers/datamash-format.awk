# datamash-format.awk: formats the output of
#   datamash -t, -s --narm -g 1 count 1 sum 2 sum 3 sum 4 max 4
# (queue, offered, answered, abandoned, wait sum, wait max) as the benchmark's
# CSV.  asa = wait sum / answered, rounded half away from zero to 2 decimals
# in integer arithmetic.  wait_p90 is left out: datamash's perc interpolates
# (like R's type 7), which is not the nearest rank.

BEGIN { FS = ","; print "queue,offered,answered,abandoned,asa,wait_max" }
{
    n = $3 + 0
    if (n == 0) {
        print $1 "," $2 ",0," $4 ","
        next
    }
    h = int((200 * $5 + n) / (2 * n))
    printf "%s,%d,%d,%d,%d.%02d,%d\n", $1, $2, n, $4, int(h / 100), h % 100, $6
}
