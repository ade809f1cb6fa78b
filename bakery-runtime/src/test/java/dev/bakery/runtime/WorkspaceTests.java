package dev.bakery.runtime;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which processes a workspace knows, and what it asks of them: every JVM
 * ({@code ./bakery} in any terminal) reads the same files.
 */
class WorkspaceTests {

	@TempDir
	Path root;

	@Test
	void aProcessIdTheSystemHasGivenToAnotherProgramIsNotTheBakerys() {
		Workspace workspace = new Workspace(this.root);
		// This JVM's process id, with the start time of a process long gone.
		Workspace.write(workspace.run().resolve("kafka.pid"), ProcessHandle.current().pid() + " 1000");

		assertThat(workspace.running(Part.of(Part.KAFKA))).isEmpty();
		assertThat(workspace.knows(Part.of(Part.KAFKA))).isTrue();

		workspace.remember(Part.of(Part.KAFKA), ProcessHandle.current());
		assertThat(workspace.running(Part.of(Part.KAFKA))).contains(ProcessHandle.current());
	}

	@Test
	void aPidFileRewrittenWhileAnotherThreadReadsItIsNeverReadHalfWritten() throws Exception {
		Workspace workspace = new Workspace(this.root);
		Part kafka = Part.of(Part.KAFKA);
		workspace.remember(kafka, ProcessHandle.current());
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 2000; i++) {
				workspace.remember(kafka, ProcessHandle.current());
			}
		});
		while (!writer.isDone()) {
			assertThat(workspace.running(kafka)).contains(ProcessHandle.current());
		}
		writer.get();
		assertThat(workspace.known()).containsExactly(kafka);
	}

	@Test
	void aRequestToCloseIsForTheSupervisorInChargeOnly() {
		Workspace workspace = new Workspace(this.root);
		workspace.requestClose();
		assertThat(workspace.closeRequested()).isTrue();

		workspace.supervisedBy(ProcessHandle.current());

		assertThat(workspace.closeRequested()).isFalse();
		assertThat(workspace.supervisor()).contains(ProcessHandle.current());
	}

	@Test
	void anOpeningForgetsAnEarlierRunButNotTheSupervisorAboutToOpen() {
		Workspace workspace = new Workspace(this.root);
		workspace.supervisedBy(ProcessHandle.current());
		workspace.remember(Part.POSTGRESQL, ProcessHandle.current());
		workspace.requestClose();

		workspace.clearRun();

		assertThat(workspace.known()).isEmpty();
		assertThat(workspace.closeRequested()).isFalse();
		assertThat(workspace.supervisor()).contains(ProcessHandle.current());
	}

}
