// The one header of the CZlib module: the system's zlib (see module.modulemap).
#include <zlib.h>
