#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image. The autograder zip
# holds this file, run_autograder, and minitorch/: the official checkout, with solutions (see
# assignments/README.md). It installs Swift (the toolchain's signature checked as swift.org's
# instructions say, against pinned keys), makes the unprivileged user that submissions run as,
# closes the official checkout to everyone but root, builds the grader, and grades the
# reference once, so that each submission later starts from warm builds.
#
# Settings (environment variables, for running this outside Gradescope, as CI does):
#   MINITORCH_AUTOGRADER_ROOT  Gradescope's folder (default /autograder)
#   MINITORCH_WORK             the grader's work folder (default $root/work)
#   MINITORCH_STUDENT_USER     the user submissions run as (default minitorch-student)
#   MINITORCH_TOOL             an already built minitorch to use instead of building one
#   MINITORCH_BENCHMARK        0 skips the speed benchmark (default 1)
# When a Swift toolchain is already on PATH, it is used and nothing is downloaded or installed.
set -euo pipefail

# The toolchain the course uses; the tarball comes from swift.org for this Ubuntu release.
SWIFT_VERSION=6.3.1
# The keys whose signatures are accepted (swift.org/keys/active): the Swift 6.x release key
# and the automatic signing key. A signature by any other key in all-keys.asc is refused.
SWIFT_KEY_FINGERPRINTS=(
  52BB7E3DE28A71BE22EC05FFEF80A866B47A981F
  E813C892820A6FA13755B268F167DF1ACF9CE069
)
SWIFT_KEYS_URL=https://www.swift.org/keys/all-keys.asc

# The packages swift.org's install instructions (and its official Docker images) list for each
# Ubuntu release, plus curl and ca-certificates for the download.
swift_packages() {
  local common=(binutils ca-certificates curl git gnupg2 libc6-dev libcurl4-openssl-dev libedit2
    libpython3-dev libsqlite3-0 libxml2-dev libz3-dev pkg-config tzdata unzip zlib1g-dev)
  case "$1" in
    22.04) echo "${common[@]}" libgcc-11-dev libstdc++-11-dev python3-lldb-13 ;;
    24.04) echo "${common[@]}" libgcc-13-dev libstdc++-13-dev libncurses-dev ;;
    *) return 1 ;;
  esac
}

# verify_toolchain KEYS TARBALL SIGNATURE: succeeds only when SIGNATURE is a good signature of
# TARBALL by one of SWIFT_KEY_FINGERPRINTS (its primary key), checked with the keys of the file
# KEYS in a keyring of its own. Says why when it fails.
verify_toolchain() {
  local keys=$1 tarball=$2 signature=$3 home status primary pinned
  home=$(mktemp -d)
  if ! gpg --homedir "$home" --batch --quiet --import "$keys" 2> /dev/null; then
    rm -rf "$home"
    echo "setup.sh: the keys in $keys could not be imported." >&2
    return 1
  fi
  status=$(gpg --homedir "$home" --batch --status-fd 1 --verify "$signature" "$tarball" \
    2> /dev/null || true)
  rm -rf "$home"
  if grep -qE '^\[GNUPG:\] (BADSIG|ERRSIG)' <<< "$status"; then
    echo "setup.sh: BAD signature: $tarball does not match $signature." >&2
    return 1
  fi
  # VALIDSIG's last field is the fingerprint of the signing key's primary key.
  primary=$(awk '$2 == "VALIDSIG" { print $NF }' <<< "$status")
  if [[ -z $primary ]]; then
    echo "setup.sh: $signature is not a valid signature of $tarball." >&2
    return 1
  fi
  for pinned in "${SWIFT_KEY_FINGERPRINTS[@]}"; do
    if [[ $primary == "$pinned" ]]; then
      echo "setup.sh: good signature of $tarball by $primary."
      return 0
    fi
  done
  echo "setup.sh: $tarball is signed by $primary, which is not a pinned Swift key." >&2
  return 1
}

# Installs the toolchain into /opt/swift, unless one is already on PATH.
install_toolchain() {
  if command -v swift > /dev/null; then
    echo "setup.sh: using the Swift toolchain already on PATH: $(command -v swift)"
    return 0
  fi
  local packages platform url download
  # shellcheck source=/dev/null
  source /etc/os-release
  if ! packages=$(swift_packages "$VERSION_ID"); then
    echo "setup.sh: no Swift install steps for Ubuntu $VERSION_ID; add them to swift_packages." >&2
    exit 1
  fi
  apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages
  platform="ubuntu$VERSION_ID"
  url="https://download.swift.org/swift-$SWIFT_VERSION-release/${platform//./}"
  url+="/swift-$SWIFT_VERSION-RELEASE/swift-$SWIFT_VERSION-RELEASE-$platform.tar.gz"
  download=$(mktemp -d)
  curl -fsSL "$url" -o "$download/swift.tar.gz"
  curl -fsSL "$url.sig" -o "$download/swift.tar.gz.sig"
  curl -fsSL "$SWIFT_KEYS_URL" -o "$download/all-keys.asc"
  verify_toolchain "$download/all-keys.asc" "$download/swift.tar.gz" "$download/swift.tar.gz.sig"
  mkdir -p /opt/swift
  tar -xzf "$download/swift.tar.gz" -C /opt/swift --strip-components 1
  rm -rf "$download"
  export PATH=/opt/swift/usr/bin:$PATH
}

main() {
  local root=${MINITORCH_AUTOGRADER_ROOT:-/autograder}
  local work=${MINITORCH_WORK:-$root/work}
  local user=${MINITORCH_STUDENT_USER:-minitorch-student}
  local source=$root/source/minitorch
  local tool=$source/.build/debug/minitorch

  install_toolchain
  export PATH=/opt/swift/usr/bin:$PATH
  swift --version

  # The user submissions run as: no login shell, no home of its own (the grader gives it one
  # inside its work folder).
  if ! id -u "$user" > /dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user"
  fi
  # The official checkout (solutions, planted bugs, the grader) is root's alone; the user may
  # pass through Gradescope's folder to the work folder, not list it.
  chmod 711 "$root"
  chmod 700 "$root/source"

  if [[ -n ${MINITORCH_TOOL:-} ]]; then
    echo "setup.sh: using the minitorch already built at $MINITORCH_TOOL"
    mkdir -p "$(dirname "$tool")"
    install -m 700 "$MINITORCH_TOOL" "$tool"
  else
    (cd "$source" && swift build --product minitorch)
  fi

  # The reference must earn full marks; this also builds every copy the grader keeps, as
  # run_autograder will (as the user, and in release for the speed benchmark).
  local options=(--submission "$source" --tests "$source" --work "$work" --run-as "$user"
    --expect full)
  [[ ${MINITORCH_BENCHMARK:-1} == 0 ]] && options+=(--skip-benchmark)
  "$tool" grade "${options[@]}"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
