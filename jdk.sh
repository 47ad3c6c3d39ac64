# Sourced by ./datamapper, ./run-tests, .ci/run and bench/: selects a JDK >= 21.
# Honours JAVA_HOME when it is new enough, else takes the newest JDK under /usr/lib/jvm
# (or /Library/Java/JavaVirtualMachines on a Mac).
_dm_java_major() {
  # the JDK's release file answers without starting a JVM (which costs ~0.1 s per call)
  local v=""
  [ -f "$1/release" ] && v=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1)
  fi
  [ "$v" = "1" ] && v=8
  echo "$v"
}
_dm_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(_dm_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(_dm_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
    dir=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(_dm_java_major "$dir")
    [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null && best="$dir"
  fi
  if [ -z "$best" ]; then
    echo "Data Mapper needs a JDK 21 or newer. Install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
_dm_pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own libraries (Guice) use sun.misc.Unsafe; JDK 24+ warns about it on every build.
if [ "$(_dm_java_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  case " ${MAVEN_OPTS:-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
