package dev.digitgan.sampler.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pinning, rollback and latest through the authenticated HTTP endpoint. */
@QuarkusTest
@WithTestResource(SamplerStackResource.class)
class VersionPolicyApiTest {

    static final String USER = "test-admin";
    static final String PASSWORD = "test-only-password";
    private static TrainerStandIn stack;

    @BeforeAll
    static void connect() {
        stack = TrainerStandIn.fromConfig();
    }

    @AfterAll
    static void disconnect() {
        stack.close();
    }

    @AfterEach
    void backToLatest() {
        put("{\"mode\":\"latest\"}").then().statusCode(200);
    }

    static io.restassured.response.Response put(String body) {
        return given().auth().preemptive().basic(USER, PASSWORD).contentType(ContentType.JSON).body(body)
                .put("/models/policy");
    }

    @Test
    void changingThePolicyNeedsTheAdminLogin() {
        given().contentType(ContentType.JSON).body("{\"mode\":\"latest\"}").put("/models/policy")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Basic"))
                .body("message", containsString("user name and password"));
        given().auth().preemptive().basic(USER, "wrong").contentType(ContentType.JSON).body("{\"mode\":\"latest\"}")
                .put("/models/policy").then().statusCode(401);
        given().get("/models/policy").then().statusCode(200);
    }

    @Test
    void pinHoldsAVersionAgainstNewerCheckpointsAndRollbackAndLatestMoveOn() {
        stack.publishGood("policy", 1);
        CheckpointReloadTest.awaitServed("policy@1");
        stack.publishGood("policy", 2);
        CheckpointReloadTest.awaitServed("policy@2");

        put("{\"mode\":\"pinned\",\"version\":\"policy@1\"}").then().statusCode(200)
                .body("mode", equalTo("pinned")).body("version", equalTo("policy@1"))
                .body("serving", equalTo("policy@1"));
        assertThat(CheckpointReloadTest.servedVersion()).isEqualTo("policy@1");

        stack.publishGood("policy", 3);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                CheckpointReloadTest.models().getList("versions.model.modelVersion").contains("policy@3"));
        assertThat(CheckpointReloadTest.servedVersion()).isEqualTo("policy@1");

        put("{\"mode\":\"rollback\"}").then().statusCode(200)
                .body("mode", equalTo("rollback")).body("serving", equalTo("policy@2"));
        assertThat(CheckpointReloadTest.servedVersion()).isEqualTo("policy@2");

        put("{\"mode\":\"latest\"}").then().statusCode(200).body("mode", equalTo("latest"));
        CheckpointReloadTest.awaitServed("policy@3");
    }

    @Test
    void badPolicyRequestsAreRefusedWithAReason() {
        put("{\"mode\":\"newest\"}").then().statusCode(400)
                .body("message", containsString("latest, pinned or rollback"));
        put("{\"mode\":\"pinned\"}").then().statusCode(400).body("message", containsString("needs a version"));
        put("{\"mode\":\"pinned\",\"version\":\"nope@1\"}").then().statusCode(404)
                .body("message", containsString("unknown version"));
        put("{\"mode\":").then().statusCode(400);
        put("[1,2,3]").then().statusCode(400);
        given().auth().preemptive().basic(USER, PASSWORD).contentType(ContentType.TEXT).body("latest")
                .put("/models/policy").then().statusCode(415);
    }
}
