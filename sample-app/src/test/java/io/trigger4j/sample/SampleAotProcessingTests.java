package io.trigger4j.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.aot.AbstractAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AOT processing of the sample app, as {@code spring-boot:process-aot} runs it in the
 * build, with dev mode on in its application.yml: the emulator is part of the generated
 * bean definitions but is not started during the build.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleAotProcessingTests {

	@Test
	void aotProcessingDoesNotStartTheEmbeddedEmulator(@TempDir Path out, CapturedOutput output) throws IOException {
		AbstractAotProcessor.Settings settings = AbstractAotProcessor.Settings.builder()
			.sourceOutput(out.resolve("sources"))
			.resourceOutput(out.resolve("resources"))
			.classOutput(out.resolve("classes"))
			.groupId("io.trigger4j")
			.artifactId("sample-app")
			.build();

		new SpringApplicationAotProcessor(SampleApplication.class, settings, new String[0]).process();

		try (Stream<Path> files = Files.walk(out.resolve("sources"))) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.contains("TriggerEmulatorAutoConfiguration__BeanDefinitions.java");
		}
		assertThat(output).doesNotContain("trigger4j dev mode").doesNotContain("emulator serves the API");
	}

}
