package org.live110.simulator;

import picocli.CommandLine;

/** Parses {@code --speedup}: a positive number of campaign seconds per wall second, or "max". */
public final class SpeedupConverter implements CommandLine.ITypeConverter<Double> {
  @Override
  public Double convert(String value) {
    if (value.equalsIgnoreCase("max")) {
      return Double.POSITIVE_INFINITY;
    }
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a number or 'max'");
    }
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new CommandLine.TypeConversionException("speed-up must be a positive number or 'max'");
    }
    return v;
  }
}
