package io.trigger4j.test.readme;

record Email(String to, String subject) {
}
