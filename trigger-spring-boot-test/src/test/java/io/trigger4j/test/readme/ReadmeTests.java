package io.trigger4j.test.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's section "Testing your code with the emulator" shows
 * {@link SignupServiceTests} and {@link SignupService} as they are here, so that its
 * example compiles and passes.
 */
class ReadmeTests {

	@Test
	void readmeShowsTheTestAsItIs() throws IOException {
		assertThat(testingSection()).contains(javaBlock(source("SignupServiceTests")));
	}

	@Test
	void readmeShowsTheServiceAsItIs() throws IOException {
		assertThat(testingSection()).contains(javaBlock(source("SignupService")));
	}

	@Test
	void readmeShowsThePayloadAsItIs() throws IOException {
		assertThat(testingSection()).contains(javaBlock(source("Email")));
	}

	private static String testingSection() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		int start = readme.indexOf("## Testing your code with the emulator\n");
		assertThat(start).as("README section").isNotNegative();
		int end = readme.indexOf("\n## ", start + 1);
		return readme.substring(start, (end >= 0) ? end : readme.length());
	}

	/** The source without its package line, as a fenced Java block. */
	private static String javaBlock(String source) {
		String body = source.substring(source.indexOf(";\n\n") + 3);
		return "```java\n" + body + "```\n";
	}

	private static String source(String className) throws IOException {
		return Files.readString(Path.of("src/test/java/io/trigger4j/test/readme", className + ".java"));
	}

}
