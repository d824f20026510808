#!/usr/bin/env bash
# Stand-in for the distribution's bin/kafka-configs.sh.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" kafka.admin.ConfigCommand "$@"
