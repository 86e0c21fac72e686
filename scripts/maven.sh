# shellcheck shell=bash
# Chooses the Maven the scripts run and exports it as INTAKE_MVN: the mvn on PATH when it is at least the
# project's minimum version (maven.minimum.version in function/pom.xml, which the build enforces),
# otherwise the checked-in wrapper ./mvnw, which downloads its Maven once into ~/.m2/wrapper.
# Sourced by ./intake, ./test and ./benchmark after scripts/java-home.sh. INTAKE_MVN=... set by the caller wins.

_intake_maven_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

_intake_maven_minimum() {
  sed -n 's:.*<maven\.minimum\.version>\(.*\)</maven\.minimum\.version>.*:\1:p' "$_intake_maven_root/function/pom.xml" | head -n 1
}

# $1: an mvn executable → its version (3.8.7), or nothing. Maven 3.8 colours even with -B: strip that.
_intake_maven_version() {
  "$1" -B -v 2>/dev/null | sed -e $'s/\x1b\\[[0-9;]*m//g' -n -e 's/^Apache Maven \([0-9][0-9.]*\).*/\1/p' | head -n 1
}

# True when version $1 >= version $2.
_intake_version_at_least() {
  [[ $(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1) == "$2" ]]
}

if [[ -z ${INTAKE_MVN:-} ]]; then
  _intake_min=$(_intake_maven_minimum)
  _intake_found=""
  if command -v mvn >/dev/null 2>&1; then
    _intake_found=$(_intake_maven_version mvn)
  fi
  if [[ -n $_intake_found && -n $_intake_min ]] && _intake_version_at_least "$_intake_found" "$_intake_min"; then
    INTAKE_MVN=$(command -v mvn)
  else
    INTAKE_MVN=$_intake_maven_root/mvnw
    # mvnw reads $HOME/.m2 under set -u: without HOME (env -i, a systemd unit) it stopped there
    # (found by review on 6 December 2026). It reads MAVEN_USER_HOME first.
    export MAVEN_USER_HOME=${MAVEN_USER_HOME:-${HOME:-~}/.m2}
    if [[ ! -d $MAVEN_USER_HOME/wrapper/dists ]]; then
      if [[ -n $_intake_found ]]; then
        echo "intake: mvn on PATH is Maven $_intake_found, older than $_intake_min: using ./mvnw instead." >&2
      fi
      echo "intake: ./mvnw downloads Maven into ~/.m2/wrapper on its first run." >&2
    fi
  fi
  unset _intake_min _intake_found
fi
export INTAKE_MVN
unset _intake_maven_root
