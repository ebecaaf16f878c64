package io.trigger4j.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run by failsafe after {@code package}: the repackaged jar has a main manifest and
 * {@code java -jar sample-app.jar} starts the app (in dev mode, as a fresh clone runs
 * it).
 */
class ExecutableJarIT {

	private final Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));

	@Test
	void theJarHasAMainManifest() throws Exception {
		assertThat(this.jar).exists();
		try (JarFile file = new JarFile(this.jar.toFile())) {
			Attributes manifest = file.getManifest().getMainAttributes();
			assertThat(manifest.getValue("Main-Class")).isEqualTo("org.springframework.boot.loader.launch.JarLauncher");
			assertThat(manifest.getValue("Start-Class")).isEqualTo(SampleApplication.class.getName());
		}
	}

	@Test
	void javaDashJarStartsTheApp() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", this.jar.toString(), "--server.port=0")
			.redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("TRIGGER_"));
		Process process = builder.start();
		List<String> lines = new ArrayList<>();
		try {
			CompletableFuture<Boolean> started = CompletableFuture.supplyAsync(() -> {
				try (BufferedReader reader = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = reader.readLine()) != null) {
						lines.add(line);
						if (line.contains("Started SampleApplication")) {
							return true;
						}
					}
					return false;
				}
				catch (IOException ex) {
					return false;
				}
			});
			assertThat(started.get(90, TimeUnit.SECONDS)).as("started; output:%n%s", String.join("\n", lines)).isTrue();
			assertThat(lines).anyMatch((line) -> line.contains("trigger4j dev mode"));
		}
		finally {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		assertThat(Files.size(this.jar)).isGreaterThan(1_000_000);
	}

}
