package io.trigger4j.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.tasks.TriggeredRun;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.AotDetector;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.test.tools.ClassFile;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.ResourceFile;
import org.springframework.core.test.tools.SourceFile;
import org.springframework.core.test.tools.TestCompiler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AOT processing of the sample app, as {@code spring-boot:process-aot} runs it in the
 * build, with dev mode on in its application.yml: the emulator is part of the generated
 * bean definitions but is not started during the build; the client's runtime hints are in
 * what a native image reads; and the generated sources compile and start the app as
 * {@code -Dspring.aot.enabled=true} (or a native image) does, with a working client.
 *
 * <p>
 * The test runs in a forked class loader so that the compiled classes join the sample's
 * packages and can reach their package-private members, as in the build's output.
 */
@CompileWithForkedClassLoader
@ExtendWith(OutputCaptureExtension.class)
class SampleAotProcessingTests {

	@Test
	void processingStartsNoEmulatorKeepsTheClientHintsAndTheProcessedAppTriggersRuns(@TempDir Path out,
			CapturedOutput output) throws IOException {
		RuntimeHints hints = process(out);

		try (Stream<Path> files = Files.walk(out.resolve("sources"))) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.contains("TriggerEmulatorAutoConfiguration__BeanDefinitions.java");
		}
		assertThat(output).doesNotContain("trigger4j dev mode").doesNotContain("emulator serves the API");
		assertThat(RuntimeHintsPredicates.reflection().onType(Run.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("io.trigger4j.client.DefaultRunsOperations$RunPage"))).accepts(hints);
		try (Stream<Path> files = Files.walk(out.resolve("resources"))) {
			assertThat(files.filter((file) -> file.getFileName().toString().endsWith(".json")).map(this::read))
				.anySatisfy((json) -> assertThat(json).contains("\"" + Run.class.getName() + "\""));
		}

		TestCompiler.forSystem()
			.withCompilerOptions("-proc:none")
			.withSources(files(out.resolve("sources"), (path, file) -> SourceFile.of(read(file))))
			.withResources(files(out.resolve("resources"), (path, file) -> ResourceFile.of(path, bytes(file))))
			.withClasses(files(out.resolve("classes"),
					(path, file) -> ClassFile.of(ClassFile.toClassName(path), bytes(file))))
			.compile((compiled) -> assertTheAppTriggersRuns(output));
	}

	private RuntimeHints process(Path out) {
		AbstractAotProcessor.Settings settings = AbstractAotProcessor.Settings.builder()
			.sourceOutput(out.resolve("sources"))
			.resourceOutput(out.resolve("resources"))
			.classOutput(out.resolve("classes"))
			.groupId("io.trigger4j")
			.artifactId("sample-app")
			.build();
		HintsKeepingProcessor processor = new HintsKeepingProcessor(settings);
		processor.process();
		assertThat(processor.hints).isNotNull();
		return processor.hints;
	}

	private void assertTheAppTriggersRuns(CapturedOutput output) {
		System.setProperty(AotDetector.AOT_ENABLED, "true");
		try {
			SpringApplication application = new SpringApplication(SampleApplication.class);
			// The generated SampleApplication__ApplicationContextInitializer is named
			// after the main class, which Boot would deduce from the stack (the test
			// runner's here).
			application.setMainApplicationClass(SampleApplication.class);
			try (ConfigurableApplicationContext context = application.run("--server.port=0")) {
				assertThat(output).contains("Starting AOT-processed SampleApplication").contains("trigger4j dev mode");
				TriggerOperations trigger = context.getBean(TriggerOperations.class);
				TriggeredRun triggered = trigger.tasks()
					.trigger("hello-world", Map.of("name", "Ada"))
					.block(Duration.ofSeconds(5));
				assertThat(triggered).isNotNull();
				Run run = trigger.runs().retrieve(triggered.id()).block(Duration.ofSeconds(5));
				assertThat(run).isNotNull();
				assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
				assertThat(run.output(Map.class)).containsEntry("greeting", "Hello, Ada!");
			}
		}
		finally {
			System.clearProperty(AotDetector.AOT_ENABLED);
		}
	}

	private static <T> List<T> files(Path root, FileReader<T> reader) {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> reader.read(root.relativize(file).toString().replace('\\', '/'), file))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String read(Path file) {
		return new String(bytes(file));
	}

	private static byte[] bytes(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@FunctionalInterface
	private interface FileReader<T> {

		T read(String path, Path file);

	}

	/**
	 * Boot's processor, keeping the runtime hints it writes for the native image.
	 */
	private static final class HintsKeepingProcessor extends SpringApplicationAotProcessor {

		@Nullable RuntimeHints hints;

		HintsKeepingProcessor(Settings settings) {
			super(SampleApplication.class, settings, new String[0]);
		}

		@Override
		protected void writeHints(RuntimeHints hints) {
			this.hints = hints;
			super.writeHints(hints);
		}

	}

}
