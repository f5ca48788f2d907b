#!/bin/sh
# Jamf Pro extension attribute: the ECI verdict of the Docker Desktop of the user logged in at the
# console, as ECI Tray verifies it with probe containers. Jamf runs it as root at each inventory
# update and stores the one value between <result> and </result>, e.g. for a smart group
# "ECI verdict is not protected". Kandji and Workspace ONE read the same shape.
#
# Values: protected, unprotected-containers, pending-restart, not-applied, off, engine-unreachable,
# not-docker-desktop, unsupported-version, unknown, no-user-logged-in, desktop-not-running,
# error (the check could not run), not-installed (no ECI Tray at APP).
#
# ECI_TRAY_APP overrides the app's location (a custom install folder).

APP="${ECI_TRAY_APP:-/Applications/ECI Tray.app/Contents/MacOS/ECI Tray}"

if [ ! -x "$APP" ]; then
  echo "<result>not-installed</result>"
  exit 0
fi

# The app prints <result>…</result> for every outcome, failures included; anything else (a crash
# before it could print) is reported as error rather than leaving the attribute empty.
out=$("$APP" check --for-console-user --format jamf --timeout 120 2>/dev/null)
case "$out" in
  "<result>"*"</result>") echo "$out" ;;
  *) echo "<result>error</result>" ;;
esac
exit 0
