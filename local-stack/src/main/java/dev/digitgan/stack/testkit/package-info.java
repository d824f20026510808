/**
 * The project's test kit: real clients for the servers a {@link dev.digitgan.stack.LocalStack} runs, for every
 * module's tests. {@link dev.digitgan.stack.testkit.TestKafka} (one producer, readers of whole topics, group
 * consumers), {@link dev.digitgan.stack.testkit.TestS3} (the MinIO client on the stack's bucket) and
 * {@link dev.digitgan.stack.testkit.StackConfig} (the endpoints a {@code @QuarkusTest} was given). Processes are
 * run with {@link dev.digitgan.stack.ChildProcess}, ports picked with {@link dev.digitgan.stack.Ports#free()}, and
 * every wait is an Awaitility poll.
 *
 * <p>Only tests use these classes: the MinIO client, Awaitility, the event contract (shared-contract) and
 * MicroProfile Config are {@code provided} dependencies of this module, so a module that uses the kit brings
 * its own (each already has them on its test classpath) and nothing here leaks into a service.
 */
package dev.digitgan.stack.testkit;
