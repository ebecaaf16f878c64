package io.trigger4j.test.readme;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of the README's testing example.
 */
@SpringBootApplication
class ReadmeApplication {

}
