package dev.digitgan.sampler.kafka;

import dev.digitgan.model.events.EventCodec;
import dev.digitgan.model.events.EventFormatException;
import dev.digitgan.model.events.PolicyChange;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Decides, record by record in offset order, which policy the fleet's topic says is in force, and when a replica
 * must repair the topic. One instance per replay of the (one-partition) topic; no I/O.
 *
 * <p><b>Why repairs.</b> Compaction keeps only the newest record of a key. A bad record under {@link PolicyChange#KEY}
 * (garbage, a tombstone, a field this build rejects) therefore erases every valid policy before it once the broker
 * compacts, and a replica started after that would find no policy at all. Nothing can stop a producer from writing
 * under that key, so the valid policy has to survive under another one: a replica that reads a bad {@code fleet}
 * record sends the policy it serves again under {@link PolicyChange#REPAIR_KEY}, with the bad record's offset in
 * the header {@link PolicyChange#REPAIRS_HEADER}. Compaction cannot remove that copy (its key is different), and
 * the bad record stays the newest {@code fleet} record, so after compaction the partition still holds both.
 *
 * <p><b>Why the offset.</b> A repair must never undo a change made after the bad record: with {@code fleet} V1, bad
 * record at P, {@code fleet} V2, then a late repair of P carrying V1, V2 is in force. So a repair counts only while
 * the newest {@code fleet} record is the one it names and this replica could not read it. That also keeps a replica
 * of an older build (which may not read a newer schema) from overriding a newer replica: the newer one read the
 * record at P, so it ignores the repair.
 *
 * <p>Records under any other key, and repairs that cannot be read, are not policies; they are dead-lettered and
 * ignored.
 */
final class PolicyRecords {

    /** What one record means for this replica. */
    sealed interface Verdict {
    }

    /** {@code change} is now the policy in force. */
    record Applies(PolicyChange change) implements Verdict {
    }

    /** Not a policy: dead-letter it; the policy in force stays what it was. */
    record Invalid(String reason) implements Verdict {
    }

    /** A readable repair that no longer counts (a newer {@code fleet} record came after the one it repairs). */
    record Superseded(long repairs) implements Verdict {
    }

    private final EventCodec codec;
    private PolicyChange inForce;
    private long newestFleetOffset = -1;
    private boolean newestFleetReadable = true;
    private boolean newestFleetRepaired;

    PolicyRecords(EventCodec codec) {
        this.codec = codec;
    }

    Verdict read(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (PolicyChange.KEY.equals(key)) {
            newestFleetOffset = record.offset();
            newestFleetRepaired = false;
            Decoded decoded = decode(record.value());
            newestFleetReadable = decoded.change() != null;
            if (decoded.change() == null) {
                return new Invalid(decoded.error());
            }
            inForce = decoded.change();
            return new Applies(inForce);
        }
        if (PolicyChange.REPAIR_KEY.equals(key)) {
            Decoded decoded = decode(record.value());
            Long repairs = repairedOffset(record);
            if (decoded.change() == null || repairs == null) {
                return new Invalid(decoded.change() == null ? decoded.error()
                        : "a repair without a valid " + PolicyChange.REPAIRS_HEADER + " header");
            }
            if (repairs != newestFleetOffset || newestFleetReadable) {
                return new Superseded(repairs);
            }
            newestFleetRepaired = true;
            inForce = decoded.change();
            return new Applies(inForce);
        }
        return new Invalid("key '" + key + "' is no policy key (" + PolicyChange.KEY + ", " + PolicyChange.REPAIR_KEY
                + ")");
    }

    /** The newest policy that counts, if the topic held one so far. */
    Optional<PolicyChange> inForce() {
        return Optional.ofNullable(inForce);
    }

    /**
     * The repair this replica should send now: the policy in force, for the offset of the newest {@code fleet}
     * record, if that record is unreadable here and nothing repaired it yet. Empty when there is nothing to repair,
     * or nothing to repair it with (the valid records are gone; the replica serves its configured policy).
     */
    Optional<Repair> repairNeeded() {
        if (newestFleetReadable || newestFleetRepaired || inForce == null) {
            return Optional.empty();
        }
        return Optional.of(new Repair(inForce, newestFleetOffset));
    }

    /** {@code change} to be sent under the repair key, naming the unreadable record at {@code repairs}. */
    record Repair(PolicyChange change, long repairs) {
    }

    private record Decoded(PolicyChange change, String error) {
    }

    private Decoded decode(byte[] value) {
        try {
            return new Decoded(codec.decode(value, PolicyChange.class), null);
        } catch (EventFormatException e) {
            return new Decoded(null, e.getMessage());
        }
    }

    private static Long repairedOffset(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(PolicyChange.REPAIRS_HEADER);
        if (header == null || header.value() == null) {
            return null;
        }
        try {
            long offset = Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
            return offset >= 0 ? offset : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
