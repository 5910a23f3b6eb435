/* json.c - a bound on the nesting of JSON that comes from outside (a
 * service's answer, a results file), checked before jansson reads it. */
#include "verify/verify_int.h"

bool
cp__json_depth_ok(const char *json, size_t len, int max_depth)
{
	size_t i;
	int depth = 0;
	bool in_string = false;

	for (i = 0; i < len; i++) {
		if (in_string) {
			if (json[i] == '\\')
				i++;
			else if (json[i] == '"')
				in_string = false;
		} else if (json[i] == '"') {
			in_string = true;
		} else if (json[i] == '[' || json[i] == '{') {
			if (++depth > max_depth)
				return false;
		} else if (json[i] == ']' || json[i] == '}') {
			depth--;
		}
	}
	return true;
}
