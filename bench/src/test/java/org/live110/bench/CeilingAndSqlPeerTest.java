package org.live110.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.EmbeddedKafkaConfig;
import org.live110.model.Topics;
import org.live110.model.codec.EventParser;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.CountyRegistry;

/**
 * The ceiling reads every preloaded record; the SQL peer drains them and gives exactly the truth.
 */
class CeilingAndSqlPeerTest {
  @TempDir Path dir;

  @Test
  void ceilingReadsEveryRecordAndTheSqlPeerGivesTheTruth() throws Exception {
    CountyRegistry reg = CountyRegistry.sample();
    CampaignCalendar cal = CampaignCalendar.defaultYear();
    EventParser parser = new EventParser(reg, cal);
    try (EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dir.resolve("kafka")).port(0).build())
            .start()) {
      broker.createTopics(BenchTopics.inputSpecs(Topics.DEFAULT));
      // a simulated year with every fault: duplicates, orders paid twice, late, bad records
      Iterator<FeedRecord> feed = new SimulatorFeed(reg).year(5_000, 7, Topics.DEFAULT);
      Preloader.Result pre = new Preloader(broker.bootstrapServers(), parser).load(feed);
      CeilingRun.Result ceil =
          new CeilingRun(broker.bootstrapServers(), Topics.DEFAULT.inputs(), parser, 2).run();
      assertThat(ceil.records()).isEqualTo(pre.records());
      assertThat(ceil.accepted())
          .isEqualTo(pre.totals().records() - pre.totals().deadLetterTotal());
      try (BenchCluster cluster = new BenchCluster(2)) {
        SqlPeerRun.Result sql =
            new SqlPeerRun(
                    broker, Topics.DEFAULT, reg, cal, 2, Duration.ofSeconds(2), dir.resolve("cp"))
                .run(cluster, "t1");
        assertThat(sql.all()).isEqualTo(pre.totals().all());
      }
    }
  }
}
