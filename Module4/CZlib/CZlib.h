// The one header of the CZlib module: the system's zlib (see module.modulemap).
//
// zlib's header is part of macOS's SDK and of Swift's Docker images, but a plain Linux install
// of Swift may lack it. Without this check the build would stop at "'zlib.h' file not found";
// with it, the message names the package to install.
#if defined(__has_include)
#if __has_include(<zlib.h>)
#define CZLIB_HEADER_FOUND 1
#endif
#else
#define CZLIB_HEADER_FOUND 1
#endif

#ifdef CZLIB_HEADER_FOUND
#include <zlib.h>
#else
#error "Module4 needs the system zlib's header zlib.h, which is missing. Install it: Debian/Ubuntu: sudo apt-get install zlib1g-dev; Fedora/RHEL: sudo dnf install zlib-devel; Arch: sudo pacman -S zlib; macOS: xcode-select --install. Then build again."
#endif
