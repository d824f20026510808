package dev.digitgan.trainer.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.hasItem;

import dev.digitgan.stack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Authentication, validation and the documents of the REST API, against the real broker and S3 server. */
@QuarkusTest
@TestProfile(TrainerTestProfile.class)
@WithTestResource(LocalStackTestResource.class)
class RunsApiTest {

    private static final String VALID = "{\"preset\":\"mlp\",\"epochs\":1}";

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic(TrainerTestProfile.ADMIN_USER, TrainerTestProfile.ADMIN_PASSWORD)
                .contentType(ContentType.JSON);
    }

    @Test
    void startingAndStoppingNeedTheAdminsCredentials() {
        given().contentType(ContentType.JSON).body(VALID).post("/runs")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic realm=\"digitgan\""));
        given().auth().preemptive().basic(TrainerTestProfile.ADMIN_USER, "wrong").contentType(ContentType.JSON)
                .body(VALID).post("/runs").then().statusCode(401);
        given().auth().preemptive().basic("someone", TrainerTestProfile.ADMIN_PASSWORD).contentType(ContentType.JSON)
                .body(VALID).post("/runs").then().statusCode(401);
        given().post("/runs/any-run/stop").then().statusCode(401);
    }

    @Test
    void readingNeedsNoCredentials() {
        given().get("/runs").then().statusCode(200).contentType(ContentType.JSON);
    }

    @Test
    void invalidStartRequestsAreRejectedWithTheReason() {
        admin().body("{\"preset\":\"mlp\"}").post("/runs")
                .then().statusCode(400).body("message", containsString("'epochs' is required"));
        admin().body("{\"preset\":\"nope\",\"epochs\":1}").post("/runs")
                .then().statusCode(400).body("message", containsString("unknown preset 'nope'"));
        admin().body("{\"epochs\":0}").post("/runs")
                .then().statusCode(400).body("message", containsString("epochs"));
        admin().body("{\"epochs\":1001}").post("/runs")
                .then().statusCode(400).body("message", containsString("at most 1000"));
        admin().body("{\"epochs\":1,\"generatorLearningRate\":5}").post("/runs")
                .then().statusCode(400).body("message", containsString("generatorLearningRate"));
        admin().body("{\"epochs\":1,\"batchSize\":-1}").post("/runs")
                .then().statusCode(400).body("message", containsString("batchSize"));
        admin().body("{\"epochs\":1,\"checkpointIntervalSteps\":0}").post("/runs")
                .then().statusCode(400).body("message", containsString("checkpointIntervalSteps"));
        admin().body("{\"epochs\":1,\"runId\":\"Not Valid!\"}").post("/runs")
                .then().statusCode(400).body("message", containsString("runId"));
        // A typo must not be ignored silently.
        admin().body("{\"epoch\":1}").post("/runs").then().statusCode(400);
        admin().body("{\"epochs\":").post("/runs").then().statusCode(400);
        admin().body("{\"epochs\":\"five\"}").post("/runs").then().statusCode(400);
    }

    @Test
    void unknownRunsAreNotFound() {
        given().get("/runs/no-such-run").then().statusCode(404).body("message", containsString("no-such-run"));
        admin().post("/runs/no-such-run/stop").then().statusCode(404);
    }

    @Test
    void theApiIsDescribedInOpenApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/runs/{runId}/stop"))
                .body(containsString("StartRunBody"));
    }

    @Test
    void readinessReportsKafkaS3AndTrainingData() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("s3"))
                .body("checks.name", hasItem("mnist"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }
}
