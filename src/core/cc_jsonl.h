/* cc_jsonl: see cc_csv.h, which declares both record parsers.  */
#include "cc_csv.h"
