#!/bin/sh
# Checks the Debian packages named as arguments; installs the missing ones as root or with sudo, else prints the command.
missing=""
for pkg in "$@"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
echo "planbench needs these Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "Install them, then run make again:"
	echo "    sudo apt-get install -y$missing"
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q$missing >/dev/null 2>&1 || {
	$SUDO apt-get update -q >/dev/null 2>&1 && $SUDO apt-get install -y -q$missing
} || { echo "apt-get could not install:$missing"; exit 1; }
echo "installed:$missing"
