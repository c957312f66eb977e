#!/usr/bin/env bash
# Installs the system packages HydraWatch needs (idempotent). Sourced by demo.sh and test.sh.
# Debian 12: BLAS/LAPACK for training (OpenBLAS serves libblas.so.3 at run time), simdjson and zlib
# for the traffic reader.
set -euo pipefail

HW_DEB_PACKAGES=(libblas-dev liblapack-dev libopenblas-dev libsimdjson-dev zlib1g-dev)

hw_missing_packages() {
  local missing=()
  for p in "${HW_DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

hw_setup() {
  if ! command -v swift >/dev/null 2>&1; then
    echo "error: 'swift' is not on PATH. Install Swift 6 (https://www.swift.org/install/linux/) and add its usr/bin to PATH." >&2
    exit 1
  fi
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "note: not a Debian system; make sure BLAS, LAPACK, simdjson and zlib development files are installed." >&2
    return 0
  fi
  local missing
  missing=$(hw_missing_packages)
  if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "setup: installing $missing" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      # shellcheck disable=SC2086
      apt-get install -y -qq $missing >&2
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      echo "setup: installing $missing (sudo)" >&2
      sudo apt-get update -qq >&2
      # shellcheck disable=SC2086
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
    else
      echo "error: missing system packages: $missing" >&2
      echo "       run as root:  apt-get update && apt-get install -y $missing" >&2
      exit 1
    fi
  fi
}
