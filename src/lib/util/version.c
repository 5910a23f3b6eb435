/* version.c - the library's version, as the program runs it. */
#include "claimpack.h"

const char *
cp_version(void)
{
	return CP_VERSION;
}
