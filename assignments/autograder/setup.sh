#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image. The autograder zip
# holds this file, run_autograder, and minitorch/: the official checkout, with solutions (see
# assignments/README.md). It installs Swift, builds the grader, and grades the reference once,
# so that each submission later starts from warm builds in /autograder/work.
set -euo pipefail

# The toolchain the course uses; the tarball comes from swift.org for this Ubuntu release.
SWIFT_VERSION=6.3.1

# shellcheck source=/dev/null
source /etc/os-release
case "$VERSION_ID" in
  22.04) gcc=11 ;;
  24.04) gcc=13 ;;
  *)
    echo "setup.sh: no Swift install steps for Ubuntu $VERSION_ID; add them here." >&2
    exit 1
    ;;
esac
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  binutils ca-certificates curl git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 \
  "libgcc-$gcc-dev" libpython3-dev libsqlite3-0 "libstdc++-$gcc-dev" libxml2-dev libz3-dev \
  pkg-config tzdata unzip zlib1g-dev

platform="ubuntu$VERSION_ID"
url="https://download.swift.org/swift-$SWIFT_VERSION-release/${platform//./}"
url+="/swift-$SWIFT_VERSION-RELEASE/swift-$SWIFT_VERSION-RELEASE-$platform.tar.gz"
mkdir -p /opt/swift
curl -fsSL "$url" | tar xz -C /opt/swift --strip-components 1
export PATH=/opt/swift/usr/bin:$PATH
swift --version

cd /autograder/source/minitorch
swift build --product minitorch
# The reference must earn full marks; this also builds both copies the grader keeps.
.build/debug/minitorch grade --submission . --tests . --work /autograder/work --expect full
