#!/usr/bin/env bash
# Builds Fray's instrumented JDK once per (JDK, Fray version), and links it where Fray's Maven
# plugin looks for it (target/fray/fray-java), so the plugin skips its own step, which would
# download a JDK (no network in many CI sandboxes) or jlink from a jmods folder (JDK 24+ builds
# such as Temurin 25 ship none: they link from their run-time image, JEP 493).
#
#   fray-jdk.sh build JAVA_HOME FRAY_VERSION CACHE_DIR CLASSPATH
#   fray-jdk.sh link  JAVA_HOME FRAY_VERSION CACHE_DIR LINK
#
# build: CLASSPATH must hold fray-instrumentation-jdk and its own dependencies ONLY (the fray-jdk
#        module's runtime classpath): jlink puts it on its module path, and any other jar that
#        declares a JDK package (jcstress-core has sun.misc) makes module resolution fail.
# link:  links the built JDK to LINK; fails with what to do when it was not built.
# The JDK lives in CACHE_DIR/fray-jdk-<java version>-<vendor>-fray-<version> (~190 MB, ~30 s to
# build), outside target/, so `mvn clean` does not pay for it again. Concurrent builds are safe:
# each builds into its own temporary folder and the first rename wins.
set -euo pipefail

mode="${1:-}" java_home="${2:-}" fray_version="${3:-}" cache_dir="${4:-}" last="${5:-}"
case "$mode" in
  build|link) ;;
  *) echo "usage: fray-jdk.sh build|link JAVA_HOME FRAY_VERSION CACHE_DIR CLASSPATH|LINK" >&2; exit 2 ;;
esac

release_value() {
  sed -n "s/^$1=\"\\([^\"]*\\)\".*/\\1/p" "$java_home/release" | head -n 1
}
java_version="$(release_value JAVA_VERSION)"
vendor="$(release_value IMPLEMENTOR | tr -c 'A-Za-z0-9.\n' '-')"
[ -n "$java_version" ] || { echo "fray-jdk: no JAVA_VERSION in $java_home/release" >&2; exit 2; }
case "$java_version" in
  25|25.*) ;;
  *) echo "fray-jdk: Fray $fray_version instruments JDK 25 only; this build runs on $java_version ($java_home)." \
          "Run with a JDK 25 (set JAVA_HOME, or use ./segcheck) or skip the Fray tests with -Dfray.skip=true." >&2; exit 2 ;;
esac
cached="$cache_dir/fray-jdk-$java_version-${vendor:-unknown}-fray-$fray_version"
built() { [ "$(cat "$cached/fray-version" 2>/dev/null)" = "$fray_version" ]; }

if [ "$mode" = build ]; then
  built && { echo "fray-jdk: instrumented JDK present at $cached"; exit 0; }
  classpath="$last"
  agent_jar="$(tr ':' '\n' <<<"$classpath" | grep "/fray-instrumentation-jdk-$fray_version.jar$" | head -n 1)"
  [ -n "$agent_jar" ] || { echo "fray-jdk: fray-instrumentation-jdk-$fray_version.jar not on the classpath" >&2; exit 2; }
  if tr ':' '\n' <<<"$classpath" | grep -q -e '/jcstress-' -e '/segcheck-'; then
    echo "fray-jdk: the classpath must hold only Fray's instrumentation and its dependencies: $classpath" >&2; exit 2
  fi
  # Every module of the run-time image but the two that cannot be linked from one.
  modules="$("$java_home/bin/java" --list-modules | sed 's/@.*//' | grep -v -e '^jdk.jlink$' -e '^jdk.jpackage$' | paste -sd, -)"
  mkdir -p "$cache_dir"
  building="$(mktemp -d "$cache_dir/.fray-jdk-building.XXXXXX")"
  trap 'rm -rf "$building"' EXIT
  echo "fray-jdk: building Fray's instrumented JDK from $java_home into $cached (once; ~30 s)"
  "$java_home/bin/jlink" "-J-javaagent:$agent_jar" "-J--module-path=$classpath" \
    -J--add-modules=org.pastalab.fray.instrumentation.jdk "-J--class-path=$classpath" \
    "--output=$building/fray-java" "--add-modules=$modules" --release-info add:IMPLEMENTOR=Fray \
    --fray-instrumentation
  printf '%s' "$fray_version" > "$building/fray-java/fray-version"
  if ! mv -T "$building/fray-java" "$cached" 2>/dev/null; then
    built || { echo "fray-jdk: could not install $cached" >&2; exit 1; }
  fi
  exit 0
fi

link="$last"
built || { echo "fray-jdk: no instrumented JDK at $cached. Build it with the fray-jdk module first:" \
                "./segcheck mvn -pl fray -am verify (or add -am to your command), or skip Fray with -Dfray.skip=true." >&2; exit 2; }
mkdir -p "$(dirname "$link")"
if [ -L "$link" ] || [ -e "$link" ]; then
  [ "$(readlink "$link")" = "$cached" ] && exit 0
  rm -rf "$link"
fi
ln -s "$cached" "$link"
