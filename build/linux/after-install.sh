#!/bin/sh
# Starts the kiosk with the graphical session of the wall screen's user.
set -e
mkdir -p /etc/xdg/autostart
cat > /etc/xdg/autostart/scale-hub.desktop <<'DESKTOP'
[Desktop Entry]
Type=Application
Name=SCALE Hub
Exec=/opt/SCALE\ Hub/scale-hub
X-GNOME-Autostart-enabled=true
DESKTOP
