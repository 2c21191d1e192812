package org.live110.dashboard.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.live110.model.Kpi;
import org.live110.model.registry.County;
import org.live110.model.registry.CountyRegistry;

/**
 * The office's statistics report ({@code GET /api/progress.csv}): one row per registry county with
 * code, name, province, tier, then per KPI its value, target, progress (value/target, 6 decimals)
 * and pace status; cells are empty where the county has no target for the KPI. UTF-8 with a byte
 * order mark so Excel reads the Chinese names, CRLF line ends (RFC 4180).
 */
public final class CsvReport {
  private static final String BOM = "\uFEFF";
  private static final String CRLF = "\r\n";

  private final CountyRegistry registry;
  private final ProgressService progress;

  public CsvReport(CountyRegistry registry, ProgressService progress) {
    this.registry = registry;
    this.progress = progress;
  }

  /** The header cells. */
  public static List<String> header() {
    List<String> cells = new ArrayList<>(List.of("code", "name", "province", "tier"));
    for (Kpi kpi : Kpi.all()) {
      String k = kpi.key();
      cells.add(k);
      cells.add(k + "_target");
      cells.add(k + "_progress");
      cells.add(k + "_status");
    }
    return cells;
  }

  public String render() {
    StringBuilder out = new StringBuilder(BOM);
    line(out, header());
    ApiJson.ProgressResponse now = progress.progress();
    for (County c : registry.counties()) {
      ApiJson.Scope s = now.scopes().get(c.scope());
      List<String> cells =
          new ArrayList<>(List.of(c.code(), c.name(), c.province(), c.tier().key()));
      for (Kpi kpi : Kpi.all()) {
        String k = kpi.key();
        cells.add(Long.toString(s.totals().get(k)));
        ApiJson.Progress p = s.progress().get(k);
        if (p == null) {
          cells.add("");
          cells.add("");
          cells.add("");
        } else {
          cells.add(Long.toString(p.target()));
          cells.add(
              BigDecimal.valueOf(p.progress()).setScale(6, RoundingMode.HALF_UP).toPlainString());
          cells.add(p.pace());
        }
      }
      line(out, cells);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append(CRLF);
  }

  /** Quotes where needed, and defuses a text cell a spreadsheet would run as a formula. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  private static boolean isNumber(String v) {
    return v.matches("-?[0-9]+(\\.[0-9]+)?");
  }
}
