#!/bin/sh
# Jamf Pro extension attribute: the ECI verdict of the Docker Desktop of the user logged in at the
# console, as ECI Tray verifies it with probe containers. Jamf runs it as root at each inventory
# update and stores the one value between <result> and </result> (Jamf's extension attribute
# format), e.g. for a smart group "ECI verdict is not protected".
#
# Values: protected, unprotected-containers, pending-restart, not-applied, off, engine-unreachable,
# not-docker-desktop, unsupported-version, unknown, no-user-logged-in, desktop-not-running,
# error (the check could not run), not-installed (no ECI Tray app this script may run as root).
# When a settings file keeps Docker Desktop from starting again (invalid JSON, a UTF-8 BOM), the
# verdict is followed by " blocking-settings-errors=N", e.g. "protected blocking-settings-errors=1".
#
# It runs the app as root, so it runs only an app that ordinary users cannot change: the bundle
# under /Applications, no symbolic link on the way, the bundle, every file in it and every folder
# above it owned by root (folders may be group-writable for admin or wheel only) and writable by
# nobody else, and a valid code signature when the app is signed. Otherwise it stores
# not-installed and says why on stderr (Jamf's policy log). See docs/FLEET.md.
#
# ECI_TRAY_APP names the bundle when it is not "/Applications/ECI Tray.app" (it must still be
# under /Applications). TEAM_ID, when set here, also requires your Developer ID team's signature.

set -f

APPS=/Applications
CODESIGN=/usr/bin/codesign
TEAM_ID=""

BUNDLE="${ECI_TRAY_APP:-$APPS/ECI Tray.app}"
BUNDLE="${BUNDLE%/}"

refuse() {
  echo "eci-verdict: not running $BUNDLE as root: $1" >&2
  echo "<result>not-installed</result>"
  exit 0
}

# One path, not followed: owned by root, not writable by others, group-writable only by admin
# (80) or wheel (0). `ls -ldn` prints the mode, owner and group ids the same on macOS and Linux.
check_entry() {
  # shellcheck disable=SC2012,SC2046
  set -- "$1" $(/bin/ls -ldn "$1" 2>/dev/null)
  [ -n "$2" ] || refuse "$1 is missing"
  case "$2" in
    l*) refuse "$1 is a symbolic link" ;;
  esac
  [ "$4" = 0 ] || refuse "$1 is owned by uid $4, not root"
  case "$2" in
    ????????w*) refuse "$1 is writable by every user" ;;
    ?????w*) [ "$5" = 0 ] || [ "$5" = 80 ] || refuse "$1 is writable by group $5" ;;
  esac
}

case "$BUNDLE" in
  "$APPS"/*.app) ;;
  *) refuse "the app must be a bundle under $APPS" ;;
esac
case "$BUNDLE" in
  */../* | */./*) refuse "the path has . or .. in it" ;;
esac
APP="$BUNDLE/Contents/MacOS/ECI Tray"
[ -d "$BUNDLE" ] || refuse "there is no app there"

# Every folder from / down to the bundle.
dir="$BUNDLE"
while [ -n "$dir" ]; do
  check_entry "$dir"
  dir="${dir%/*}"
done
check_entry /

# Everything in the bundle: what the app loads (frameworks, helpers) runs as root too.
bad=$(/usr/bin/find "$BUNDLE" \( -type l -o ! -user 0 -o -perm -0002 -o \( -perm -0020 ! -group 0 ! -group 80 \) \) -print 2>&1 | /usr/bin/head -n 1)
[ -z "$bad" ] || refuse "$bad is a symbolic link, not owned by root or writable by others"
[ -f "$APP" ] && [ -x "$APP" ] || refuse "$APP is not an executable file"

# A signed build must verify (a changed file breaks the seal); an unsigned build has no seal to check.
[ -x "$CODESIGN" ] || refuse "$CODESIGN is missing: the signature cannot be checked"
sig=$("$CODESIGN" --display "$BUNDLE" 2>&1)
case "$sig" in
  *"not signed at all"*)
    [ -z "$TEAM_ID" ] || refuse "the app is not signed, and TEAM_ID $TEAM_ID is required"
    ;;
  *)
    if [ -n "$TEAM_ID" ]; then
      "$CODESIGN" --verify --deep --strict -R="anchor apple generic and certificate leaf[subject.OU] = \"$TEAM_ID\"" "$BUNDLE" >/dev/null 2>&1 || refuse "its signature is not valid or not by team $TEAM_ID"
    else
      "$CODESIGN" --verify --deep --strict "$BUNDLE" >/dev/null 2>&1 || refuse "its code signature is not valid"
    fi
    ;;
esac

# The app prints <result>…</result> for every outcome, failures included; anything else (a crash
# before it could print) is reported as error rather than leaving the attribute empty.
out=$("$APP" check --for-console-user --format jamf --timeout 120 2>/dev/null)
case "$out" in
  "<result>"*"</result>") echo "$out" ;;
  *) echo "<result>error</result>" ;;
esac
exit 0
