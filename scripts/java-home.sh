# shellcheck shell=bash
# Finds a JDK 21 or newer and exports JAVA_HOME (and puts its bin/ first on PATH), and gives its
# JVMs a locale they can name files in (below). Sourced by ./intake and ./test. Looks, in order, at:
# $JAVA_HOME, `java` on PATH, then the newest JDK under /usr/lib/jvm,
# /Library/Java/JavaVirtualMachines and ~/.sdkman/candidates/java.

_intake_java_property() { # $1: java executable, $2: property name → its value
  "$1" -XshowSettings:properties -version 2>&1 | awk -v name="$2" '$1 == name && $2 == "=" { print $3; exit }'
}

_intake_java_major() { # $1: java executable → major version (1.8 → 8), or nothing
  local spec
  spec=$(_intake_java_property "$1" java.specification.version)
  case $spec in 1.*) spec=${spec#1.} ;; esac
  spec=${spec%%.*}
  [[ $spec =~ ^[0-9]+$ ]] && echo "$spec"
}

# Maven needs a compiler, so a JRE alone does not do.
_intake_is_jdk() { [[ -n $1 && -x $1/bin/java && -x $1/bin/javac ]]; }

_intake_find_java_home() {
  local min=21 major home candidate best="" best_major=0
  if _intake_is_jdk "${JAVA_HOME:-}"; then
    major=$(_intake_java_major "$JAVA_HOME/bin/java")
    if [[ -n $major && $major -ge $min ]]; then echo "$JAVA_HOME"; return 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    major=$(_intake_java_major java)
    if [[ -n $major && $major -ge $min ]]; then
      home=$(_intake_java_property java java.home)
      if _intake_is_jdk "$home"; then echo "$home"; return 0; fi
    fi
  fi
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "${HOME:-/nonexistent}"/.sdkman/candidates/java/*; do
    _intake_is_jdk "$candidate" || continue
    major=$(_intake_java_major "$candidate/bin/java")
    if [[ -n $major && $major -ge $min && $major -gt $best_major ]]; then
      best=$candidate
      best_major=$major
    fi
  done
  [[ -n $best ]] && echo "$best"
}

INTAKE_JAVA_HOME=$(_intake_find_java_home || true)
if [[ -z $INTAKE_JAVA_HOME ]]; then
  {
    echo "error: Intake needs a JDK 21 or newer, and none was found."
    echo "  Looked at JAVA_HOME (${JAVA_HOME:-unset}), java on PATH, /usr/lib/jvm/*,"
    echo "  /Library/Java/JavaVirtualMachines/*/Contents/Home and ~/.sdkman/candidates/java/*."
    echo "  Install one (e.g. Temurin 21) or set JAVA_HOME to it."
  } >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME=$INTAKE_JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
unset INTAKE_JAVA_HOME

# A JVM reads arguments and names files in the locale's charset: under the POSIX locale of a bare
# container, a CI runner, cron or an ssh session without LANG that is ASCII, so a file or key named
# Zählung.csv could not be imported, nor a clone under such a folder built (Maven's JVM, found by
# review on 6 December 2026). (macOS names files in UTF-8 whatever the locale.)
if [[ "$(uname -s)" == Linux && "$(locale charmap 2>/dev/null)" != UTF-8 ]]; then
  export LC_ALL=C.UTF-8
fi
