package dev.digitgan.sampler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.PolicyChange;
import dev.digitgan.model.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Which record of the policy topic counts, and when a replica repairs the topic, offset by offset. */
class PolicyRecordsTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final PolicyChange LATEST = new PolicyChange(1, PolicyChange.Mode.LATEST, null, "admin",
            Instant.parse("2026-12-02T06:00:00Z"));
    private static final PolicyChange PINNED = new PolicyChange(1, PolicyChange.Mode.PINNED, "run@3", "admin",
            Instant.parse("2026-12-02T06:01:00Z"));
    private static final byte[] POISON = "{\"schemaVersion\":1,\"mode\":\"NEWEST\"}".getBytes(StandardCharsets.UTF_8);

    private final PolicyRecords records = new PolicyRecords(CODEC);

    @Test
    void aBadFleetRecordLeavesThePolicyInForceAndAsksForARepairOfItsOffset() {
        assertThat(records.read(fleet(0, CODEC.encode(LATEST)))).isEqualTo(new PolicyRecords.Applies(LATEST));
        assertThat(records.repairNeeded()).isEmpty();

        assertThat(records.read(fleet(1, POISON))).isInstanceOf(PolicyRecords.Invalid.class);
        assertThat(records.inForce()).contains(LATEST);
        assertThat(records.repairNeeded()).contains(new PolicyRecords.Repair(LATEST, 1));

        // the repair read back (this replica's or another's) settles it
        assertThat(records.read(repair(2, LATEST, "1"))).isEqualTo(new PolicyRecords.Applies(LATEST));
        assertThat(records.repairNeeded()).isEmpty();
    }

    @Test
    void aTombstoneUnderTheFleetKeyIsBadToo() {
        records.read(fleet(0, CODEC.encode(PINNED)));
        assertThat(records.read(fleet(1, null))).isInstanceOf(PolicyRecords.Invalid.class);
        assertThat(records.repairNeeded()).contains(new PolicyRecords.Repair(PINNED, 1));
    }

    @Test
    void afterCompactionTheRepairStandsInForTheErasedPolicy() {
        // what a replica started after compaction reads: the bad record (newest under fleet), then the repair
        assertThat(records.read(fleet(1, POISON))).isInstanceOf(PolicyRecords.Invalid.class);
        assertThat(records.repairNeeded()).as("nothing to repair with yet").isEmpty();
        assertThat(records.read(repair(2, LATEST, "1"))).isEqualTo(new PolicyRecords.Applies(LATEST));
        assertThat(records.inForce()).contains(LATEST);
        assertThat(records.repairNeeded()).isEmpty();
    }

    @Test
    void aLateRepairNeverUndoesAChangeMadeAfterTheBadRecord() {
        records.read(fleet(0, CODEC.encode(LATEST)));
        records.read(fleet(1, POISON));
        records.read(fleet(2, CODEC.encode(PINNED)));
        assertThat(records.read(repair(3, LATEST, "1"))).isEqualTo(new PolicyRecords.Superseded(1));
        assertThat(records.inForce()).contains(PINNED);
        assertThat(records.repairNeeded()).isEmpty();
    }

    @Test
    void aRepairOfARecordThisReplicaCouldReadIsIgnored() {
        // e.g. a replica of an older build could not read a newer schema at offset 1; this one could
        records.read(fleet(0, CODEC.encode(LATEST)));
        records.read(fleet(1, CODEC.encode(PINNED)));
        assertThat(records.read(repair(2, LATEST, "1"))).isEqualTo(new PolicyRecords.Superseded(1));
        assertThat(records.inForce()).contains(PINNED);
    }

    @Test
    void aSecondBadRecordNeedsARepairOfItsOwn() {
        records.read(fleet(0, CODEC.encode(LATEST)));
        records.read(fleet(1, POISON));
        records.read(repair(2, LATEST, "1"));
        records.read(fleet(3, POISON));
        assertThat(records.repairNeeded()).contains(new PolicyRecords.Repair(LATEST, 3));
    }

    @Test
    void otherKeysAndBadRepairsAreNoPolicies() {
        records.read(fleet(0, CODEC.encode(LATEST)));
        assertThat(records.read(record(1, "fleet-2", CODEC.encode(PINNED))))
                .isInstanceOfSatisfying(PolicyRecords.Invalid.class, i -> assertThat(i.reason())
                        .contains("no policy key"));
        records.read(fleet(2, POISON));
        for (String header : new String[] {null, "x", "-1"}) {
            assertThat(records.read(repair(3, PINNED, header))).as(header)
                    .isInstanceOf(PolicyRecords.Invalid.class);
        }
        assertThat(records.read(record(4, PolicyChange.REPAIR_KEY, POISON))).isInstanceOf(PolicyRecords.Invalid.class);
        assertThat(records.inForce()).contains(LATEST);
        assertThat(records.repairNeeded()).contains(new PolicyRecords.Repair(LATEST, 2));
    }

    private static ConsumerRecord<String, byte[]> fleet(long offset, byte[] value) {
        return record(offset, PolicyChange.KEY, value);
    }

    private static ConsumerRecord<String, byte[]> repair(long offset, PolicyChange change, String repairs) {
        ConsumerRecord<String, byte[]> record = record(offset, PolicyChange.REPAIR_KEY, CODEC.encode(change));
        if (repairs != null) {
            record.headers().add(PolicyChange.REPAIRS_HEADER, repairs.getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    private static ConsumerRecord<String, byte[]> record(long offset, String key, byte[] value) {
        return new ConsumerRecord<>(Topics.SAMPLER_POLICY, 0, offset, key, value);
    }
}
