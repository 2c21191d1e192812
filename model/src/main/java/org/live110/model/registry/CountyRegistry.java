package org.live110.model.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.live110.model.Kpi;
import org.live110.model.Tier;

/**
 * The campaign's counties, loaded from a CSV of {@code code,name,province,prefecture,tier,lon,lat}
 * (lines starting with {@code #} are comments). Further columns named after a KPI (e.g. {@code
 * salesFen}) set that county's own annual target; an empty cell keeps the even split.
 *
 * <p>The bundled {@code counties-sample.csv} is an illustrative sample of real poverty counties of
 * 2019, not the campaign's official list; the official list loads from a file of the same columns.
 * Loading validates everything and fails with a message naming the file and line.
 */
public final class CountyRegistry implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The bundled sample registry. */
  public static final String SAMPLE_RESOURCE = "/org/live110/model/counties-sample.csv";

  /** The plan's county count: 10 core + 100 radiating. */
  public static final int CAMPAIGN_COUNTY_COUNT = 110;

  private static final List<String> REQUIRED_COLUMNS =
      List.of("code", "name", "province", "prefecture", "tier", "lon", "lat");
  private static final Pattern CODE = Pattern.compile("[0-9]{6}");

  private final List<County> counties;
  private final Map<String, County> byCode;

  private CountyRegistry(List<County> counties) {
    this.counties = List.copyOf(counties);
    Map<String, County> map = new LinkedHashMap<>();
    for (County c : counties) {
      map.put(c.code(), c);
    }
    this.byCode = Collections.unmodifiableMap(map);
  }

  /** The bundled sample of 110 counties. */
  public static CountyRegistry sample() {
    try (InputStream in = CountyRegistry.class.getResourceAsStream(SAMPLE_RESOURCE)) {
      if (in == null) {
        throw new RegistryException("bundled registry " + SAMPLE_RESOURCE + " is missing");
      }
      return parse(
          decode(in.readAllBytes(), "counties-sample.csv"),
          "counties-sample.csv",
          CAMPAIGN_COUNTY_COUNT);
    } catch (IOException e) {
      throw new RegistryException("cannot read bundled registry: " + e.getMessage(), e);
    }
  }

  /** Loads a registry file that must hold exactly 110 counties. */
  public static CountyRegistry load(Path file) {
    return load(file, CAMPAIGN_COUNTY_COUNT);
  }

  /**
   * Loads a registry file.
   *
   * @param expectedCount the number of counties the file must hold, or 0 for any number
   */
  public static CountyRegistry load(Path file, int expectedCount) {
    if (!Files.isRegularFile(file)) {
      throw new RegistryException("registry file " + file + " does not exist or is not a file");
    }
    try {
      return parse(
          decode(Files.readAllBytes(file), file.toString()), file.toString(), expectedCount);
    } catch (IOException e) {
      throw new RegistryException("cannot read registry file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses registry CSV text; {@code source} names it in error messages. */
  public static CountyRegistry parse(Reader text, String source, int expectedCount) {
    List<County> counties = new ArrayList<>();
    Map<String, Integer> lineOfCode = new LinkedHashMap<>();
    List<String> header = null;
    Map<Kpi, Integer> targetColumns = new EnumMap<>(Kpi.class);
    int lineNo = 0;
    try (BufferedReader in = new BufferedReader(text)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] cells = trimmed.split(",", -1);
        if (header == null) {
          header = headerOf(cells, source, lineNo, targetColumns);
          continue;
        }
        String where = source + " line " + lineNo;
        if (cells.length != header.size()) {
          throw new RegistryException(
              where + ": expected " + header.size() + " columns but found " + cells.length);
        }
        County county = countyOf(cells, targetColumns, where);
        Integer earlier = lineOfCode.putIfAbsent(county.code(), lineNo);
        if (earlier != null) {
          throw new RegistryException(
              where + ": county code " + county.code() + " already used on line " + earlier);
        }
        counties.add(county);
      }
    } catch (IOException e) {
      throw new RegistryException(
          source + " line " + (lineNo + 1) + ": cannot read (" + e.getMessage() + ")", e);
    }
    if (header == null) {
      throw new RegistryException(
          source + ": no header line " + String.join(",", REQUIRED_COLUMNS));
    }
    if (expectedCount > 0 && counties.size() != expectedCount) {
      throw new RegistryException(
          source + ": expected " + expectedCount + " counties but found " + counties.size());
    }
    return new CountyRegistry(counties);
  }

  private static List<String> headerOf(
      String[] cells, String source, int lineNo, Map<Kpi, Integer> targetColumns) {
    List<String> header = new ArrayList<>();
    for (String c : cells) {
      header.add(c.strip());
    }
    for (int i = 0; i < REQUIRED_COLUMNS.size(); i++) {
      if (header.size() <= i || !header.get(i).equals(REQUIRED_COLUMNS.get(i))) {
        throw new RegistryException(
            source
                + " line "
                + lineNo
                + ": header must start with "
                + String.join(",", REQUIRED_COLUMNS)
                + " but was "
                + String.join(",", header));
      }
    }
    for (int i = REQUIRED_COLUMNS.size(); i < header.size(); i++) {
      String name = header.get(i);
      Kpi kpi =
          Kpi.byKey(name)
              .orElseThrow(
                  () ->
                      new RegistryException(
                          source
                              + " line "
                              + lineNo
                              + ": extra column '"
                              + name
                              + "' is not a KPI name"));
      targetColumns.put(kpi, i);
    }
    return header;
  }

  private static County countyOf(String[] cells, Map<Kpi, Integer> targetColumns, String where) {
    String code = cells[0].strip();
    if (!CODE.matcher(code).matches()) {
      throw new RegistryException(where + ": code '" + code + "' is not 6 digits");
    }
    String name = requireText(cells[1], "name", where);
    String province = requireText(cells[2], "province", where);
    String prefecture = requireText(cells[3], "prefecture", where);
    String tierText = cells[4].strip();
    Tier tier =
        Tier.byKey(tierText)
            .orElseThrow(
                () ->
                    new RegistryException(
                        where + ": tier '" + tierText + "' is not 'core' or 'radiating'"));
    double lon = coordinate(cells[5], "lon", -180, 180, where);
    double lat = coordinate(cells[6], "lat", -90, 90, where);
    Map<Kpi, Long> overrides = new EnumMap<>(Kpi.class);
    for (Map.Entry<Kpi, Integer> col : targetColumns.entrySet()) {
      String cell = cells[col.getValue()].strip();
      if (cell.isEmpty()) {
        continue;
      }
      try {
        long value = Long.parseLong(cell);
        if (value < 0) {
          throw new NumberFormatException();
        }
        overrides.put(col.getKey(), value);
      } catch (NumberFormatException e) {
        throw new RegistryException(
            where
                + ": target "
                + col.getKey().key()
                + " '"
                + cell
                + "' is not a non-negative integer");
      }
    }
    return new County(code, name, province, prefecture, tier, lon, lat, overrides);
  }

  private static String requireText(String cell, String column, String where) {
    String value = cell.strip();
    if (value.isEmpty()) {
      throw new RegistryException(where + ": " + column + " is empty");
    }
    return value;
  }

  private static double coordinate(
      String cell, String column, double min, double max, String where) {
    try {
      double v = Double.parseDouble(cell.strip());
      if (!(v >= min && v <= max)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new RegistryException(
          where + ": " + column + " '" + cell.strip() + "' is not a number in " + min + ".." + max);
    }
  }

  /**
   * Decodes strict UTF-8 line by line, so that bad bytes are reported with their line instead of
   * silently becoming U+FFFD in a county name.
   */
  private static Reader decode(byte[] bytes, String source) {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    StringBuilder text = new StringBuilder(bytes.length);
    int start = 0;
    int lineNo = 1;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        try {
          text.append(utf8.decode(ByteBuffer.wrap(bytes, start, i - start))).append('\n');
        } catch (CharacterCodingException e) {
          throw new RegistryException(source + " line " + lineNo + ": not valid UTF-8");
        }
        start = i + 1;
        lineNo++;
      }
    }
    return new StringReader(text.toString());
  }

  /** All counties, in file order. */
  public List<County> counties() {
    return counties;
  }

  public Optional<County> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  public boolean contains(String code) {
    return byCode.containsKey(code);
  }

  public int size() {
    return counties.size();
  }

  public List<County> inTier(Tier tier) {
    return counties.stream().filter(c -> c.tier() == tier).toList();
  }

  /** The county's tier; throws for a code not in the registry. */
  public Tier tierOf(String code) {
    County c = byCode.get(code);
    if (c == null) {
      throw new IllegalArgumentException("county " + code + " is not in the registry");
    }
    return c.tier();
  }
}
