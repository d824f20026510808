#!/usr/bin/env bash
# Creates the digitgan topics (names as in dev.digitgan.model.events.Topics) with their cleanup policy and
# retention (Topics.policies: the values below are checked against it by local-stack's
# CreateTopicsScriptTest), sets those two configs where an existing topic has others, and raises the
# partition counts to at least the configured number; safe to run again and again.
#
# Why explicit partitions: trainers share the consumer group digitgan-trainers, and a group spreads
# a topic's partitions over its members, so at most <partitions of training-requests> trainers can
# work at once. Every sampler reads checkpoints in its own group, so partitions do not limit them.
set -euo pipefail

kafka_bin="${KAFKA_HOME:-/opt/kafka}/bin"
bootstrap="${KAFKA_BOOTSTRAP_SERVERS:?KAFKA_BOOTSTRAP_SERVERS must be set}"
request_partitions="${DIGITGAN_TRAINING_REQUEST_PARTITIONS:-6}"
default_partitions="${DIGITGAN_TOPIC_PARTITIONS:-3}"
replication="${DIGITGAN_TOPIC_REPLICATION_FACTOR:-1}"
attempts="${DIGITGAN_KAFKA_WAIT_ATTEMPTS:-60}"
# The one retention a deployment chooses: loss events (default 30 days, Topics.DEFAULT_LOSS_RETENTION).
loss_retention_ms="${DIGITGAN_LOSS_EVENTS_RETENTION_MS:-2592000000}"

topics() { "${kafka_bin}/kafka-topics.sh" --bootstrap-server "${bootstrap}" "$@"; }
configs() { "${kafka_bin}/kafka-configs.sh" --bootstrap-server "${bootstrap}" "$@"; }

# cleanup.policy and retention.ms per topic (-1 = for ever), as in Topics.policies.
declare -A policy=(
  [digitgan.training-requests]="cleanup.policy=delete,retention.ms=-1"
  [digitgan.run-control]="cleanup.policy=delete,retention.ms=604800000"
  [digitgan.run-status]="cleanup.policy=compact,retention.ms=-1"
  [digitgan.run-ids]="cleanup.policy=delete,retention.ms=-1"
  [digitgan.loss-events]="cleanup.policy=delete,retention.ms=${loss_retention_ms}"
  [digitgan.checkpoints]="cleanup.policy=delete,retention.ms=-1"
  [digitgan.dead-letter]="cleanup.policy=delete,retention.ms=-1"
  [digitgan.sampler-policy]="cleanup.policy=compact,retention.ms=-1"
)

# Each kafka-topics.sh call is a JVM start (seconds on a busy node), so the topics are listed and
# described once for all, and created one by one only when missing.
existing=""
for ((i = 1; ; i++)); do
  if existing="$(topics --list 2>/dev/null)"; then
    break
  fi
  if ((i >= attempts)); then
    echo "create-topics: Kafka at ${bootstrap} not reachable after ${attempts} attempts" >&2
    exit 1
  fi
  echo "create-topics: waiting for Kafka at ${bootstrap} (${i}/${attempts})"
  sleep 5
done

# The sampler policy has one key, so one partition holds all of it. The run-id claims must stay in
# exactly one partition (Topics.policies): claims are decided by their order there, so this count is
# never raised, whatever DIGITGAN_TOPIC_PARTITIONS says.
declare -A wanted=([digitgan.training-requests]="${request_partitions}" [digitgan.sampler-policy]=1
  [digitgan.run-ids]=1)
for name in digitgan.run-control digitgan.run-status digitgan.loss-events digitgan.checkpoints digitgan.dead-letter; do
  wanted[${name}]="${default_partitions}"
done

for name in "${!wanted[@]}"; do
  if ! grep -qxF "${name}" <<<"${existing}"; then
    create_configs=()
    IFS=',' read -ra pairs <<<"${policy[${name}]}"
    for pair in "${pairs[@]}"; do create_configs+=(--config "${pair}"); done
    topics --create --if-not-exists --topic "${name}" \
      --partitions "${wanted[${name}]}" --replication-factor "${replication}" "${create_configs[@]}"
  fi
done

# The topics' explicitly set configs in one call: "Dynamic configs for topic <name> are:" then one
# "  key=value sensitive=... synonyms=..." line per config. Alter only what differs.
set_configs="$(configs --describe --entity-type topics)"
for name in "${!wanted[@]}"; do
  IFS=',' read -ra pairs <<<"${policy[${name}]}"
  for pair in "${pairs[@]}"; do
    if ! awk -v topic="${name}" -v want="${pair}" '
        /^Dynamic configs for topic / { current = $5 }
        current == topic && $1 == want { found = 1 }
        END { exit found ? 0 : 1 }' <<<"${set_configs}"; then
      echo "create-topics: ${name}: setting ${policy[${name}]}"
      configs --alter --entity-type topics --entity-name "${name}" --add-config "${policy[${name}]}"
      break
    fi
  done
done

# "Topic: <name> ... PartitionCount: N" summary lines, one per topic.
description="$(topics --describe)"
for name in "${!wanted[@]}"; do
  current="$(awk -v topic="${name}" '$1 == "Topic:" && $2 == topic {
      for (i = 3; i < NF; i++) if ($i == "PartitionCount:") { print $(i + 1); exit } }' <<<"${description}")"
  if [[ -z "${current}" ]]; then
    echo "create-topics: cannot read the partition count of ${name}" >&2
    exit 1
  fi
  if [[ "${name}" == digitgan.run-ids ]] && ((current != 1)); then
    echo "create-topics: ${name} has ${current} partitions; it must have exactly 1 (claims are decided by" \
      "their order in one partition): delete it while no trainer runs and run this again" >&2
    exit 1
  fi
  if ((current < wanted[${name}])); then
    topics --alter --topic "${name}" --partitions "${wanted[${name}]}"
    current="${wanted[${name}]}"
  fi
  echo "create-topics: ${name} has ${current} partitions"
done
echo "create-topics: done"
