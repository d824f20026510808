package dev.digitgan.sampler.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLoadJournalTest {

    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path folder;

    @Test
    void whatOneProcessWroteTheNextOneReads() {
        LocalLoadJournal before = new LocalLoadJournal(folder);
        before.rememberRejection(SHA, "run@2", "sha_mismatch: SHA-256 of run@2 is ...");
        String other = "cd".repeat(32);
        before.loadStarted(other);
        before.loadStarted(other); // two loads that never finished

        LocalLoadJournal after = new LocalLoadJournal(folder);
        assertThat(after.rejection(SHA)).contains("sha_mismatch: SHA-256 of run@2 is ...");
        assertThat(after.unfinishedLoads(other)).isEqualTo(2);
        after.loadFinished(other);
        assertThat(new LocalLoadJournal(folder).unfinishedLoads(other)).isZero();
        assertThat(after.rejection(other)).isEmpty();
    }

    @Test
    void keysThatAreNoSha256NeverBecomePaths() {
        LocalLoadJournal journal = new LocalLoadJournal(folder);
        journal.rememberRejection("../../escape", "run@1", "x");
        journal.loadStarted("../loading/x");
        assertThat(journal.rejection("../../escape")).isEmpty();
        assertThat(folder.getParent().getParent().resolve("escape")).doesNotExist();
        assertThat(journal.unfinishedLoads("../loading/x")).isZero();
    }

    @Test
    void aFolderThatCannotBeWrittenOnlyForgets() throws Exception {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        LocalLoadJournal journal = new LocalLoadJournal(file);
        journal.rememberRejection(SHA, "run@1", "corrupt");
        journal.loadStarted(SHA);
        assertThat(journal.rejection(SHA)).isEmpty();
        assertThat(journal.unfinishedLoads(SHA)).isZero();
        journal.loadFinished(SHA);
    }
}
