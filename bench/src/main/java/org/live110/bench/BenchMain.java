package org.live110.bench;

import picocli.CommandLine;

/**
 * Runs {@link BenchCommand} alone (without the launcher): {@code java -cp ... BenchMain --quick}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }
}
