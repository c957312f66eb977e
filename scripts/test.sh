#!/usr/bin/env bash
# Sets up what the tests need and runs them: `scripts/test.sh` from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
hw_setup
# End-to-end tests run the built executables; build them first so the tests find them.
swift build
# The suite is XCTest; Swift Testing is off so the last summary line is XCTest's test count.
swift test --disable-swift-testing "$@"
