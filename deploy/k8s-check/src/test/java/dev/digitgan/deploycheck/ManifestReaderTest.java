package dev.digitgan.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

    @Test
    void splitsDocumentsAndSkipsEmptyOnes() {
        List<Manifest> manifests = ManifestReader.read("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: a}
                ---
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b}
                """);

        assertThat(manifests).extracting(Manifest::kind).containsExactly("Namespace", "ConfigMap");
        assertThat(manifests.get(1).describe()).isEqualTo("ConfigMap/b (document 3)");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThatThrownBy(() -> ManifestReader.read("kind: A\nkind: B\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
    }

    @Test
    void rejectsADocumentThatIsNotAMapping() {
        assertThatThrownBy(() -> ManifestReader.read("- a\n- b\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a mapping");
    }

    @Test
    void rejectsTextThatIsNotYaml() {
        assertThatThrownBy(() -> ManifestReader.read("a: [b\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid YAML");
    }
}
